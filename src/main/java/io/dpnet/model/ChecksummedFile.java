package io.dpnet.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dpnet.data.ArrayLimits;
import io.dpnet.nn.Precision;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The container that model and checkpoint files share (docs/MODEL_FORMAT.md): 8 magic bytes, the format version
 * (int32), a UTF-8 JSON header (int32 length, then bytes; its {@code precision} names the arrays' number type), arrays
 * of that type whose lengths the header implies, all big-endian, closed by the CRC-32 of everything before it (int64).
 * float64 files are version 1, which older builds read; float32 files are version 2 (4-byte values), which they refuse
 * rather than misread. Plain data only: reading never runs code from the file. Writes go to a temporary name that is
 * renamed into place, so a failed write leaves an existing file alone. Reading checks the arrays' lengths that the
 * header declares against the file's length before it allocates them: a short file cannot make it allocate more.
 */
final class ChecksummedFile {
    /** The format versions this build reads are 1 (float64 only) and this one. */
    static final int LATEST = 2;
    /** The header key naming the arrays' number type; version 1 files written before it existed hold float64. */
    static final String PRECISION = "precision";
    private static final int MAX_HEADER = 1 << 24;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChecksummedFile() {
    }

    /**
     * The format version of a file whose values are in {@code precision}: float64 keeps version 1, so that older
     * builds still read it; float32 changes the layout, so older builds must refuse it. A file of version {@code v}
     * may hold any precision whose version is at most {@code v}.
     */
    static int version(Precision precision) {
        return precision == Precision.FLOAT64 ? 1 : 2;
    }

    /** Writes {@code header} and {@code arrays}, as {@code precision} values, to {@code uri} atomically. */
    static void save(String uri, Configuration conf, byte[] magic, Map<String, Object> header, Precision precision,
                     double[]... arrays) throws IOException {
        OutputFiles.writeAtomically(uri, conf, true, out -> write(out, magic, header, precision, arrays));
    }

    /** As {@link #save}, to a stream. float32 rounds to nearest, which keeps a float32 run's values as they are. */
    static void write(OutputStream raw, byte[] magic, Map<String, Object> header, Precision precision,
                      double[]... arrays) throws IOException {
        CRC32 crc = new CRC32();
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(raw, crc)));
        Map<String, Object> withPrecision = new LinkedHashMap<>(header);
        // The arrays' type, whatever the caller's header says, and last, where float64 files have always had it.
        withPrecision.remove(PRECISION);
        withPrecision.put(PRECISION, precision.configName());
        byte[] json = JSON.writeValueAsBytes(withPrecision);
        out.write(magic);
        out.writeInt(version(precision));
        out.writeInt(json.length);
        out.write(json);
        for (double[] array : arrays) {
            if (precision == Precision.FLOAT32) {
                for (double v : array) {
                    out.writeFloat((float) v);
                }
            } else {
                for (double v : array) {
                    out.writeDouble(v);
                }
            }
        }
        out.flush();
        new DataOutputStream(raw).writeLong(crc.getValue());
        raw.flush();
    }

    /**
     * Opens {@code uri} and reads its header, as a {@code kind} file with {@code magic}; a missing file is a
     * FileNotFoundException naming {@code what}. The caller closes the reader.
     */
    static Reader open(String uri, Configuration conf, String what, byte[] magic, String kind) throws IOException {
        Path path = new Path(uri);
        FileSystem fs = path.getFileSystem(conf);
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException(what + " " + uri + " does not exist");
        }
        if (status.isDirectory()) {
            throw new FileNotFoundException(what + " " + uri + " is a directory");
        }
        FSDataInputStream in = fs.open(path);
        try {
            return new Reader(in, status.getLen(), uri, magic, kind);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Reads one file: the header first, then {@link #expect} checks the arrays' lengths against the file's, then the
     * arrays as the header says, then {@link #finish()} checks the sum.
     */
    static final class Reader implements Closeable {
        private final String name;
        private final String kind;
        private final long fileLength;
        /** The bytes of magic, version, header length, header and checksum: all but the arrays. */
        private final long fixedAndHeader;
        private final CRC32 crc = new CRC32();
        private final DataInputStream in;
        private final Map<String, Object> header;
        private final Precision precision;
        /** Values that {@link #expect} let through and {@link #doubles} has not read yet. */
        private long unread;

        /** Reads the header of {@code raw}, a file of {@code fileLength} bytes named {@code name} in messages. */
        Reader(InputStream raw, long fileLength, String name, byte[] magic, String kind) throws IOException {
            this.name = name;
            this.kind = kind;
            this.fileLength = fileLength;
            // Buffer below the checksum, so that it covers exactly the bytes consumed.
            this.in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(raw), crc));
            try {
                byte[] found = new byte[magic.length];
                in.readFully(found);
                if (!Arrays.equals(found, magic)) {
                    throw new InvalidModelException(name + ": not a dpnet " + kind + " file (wrong magic bytes)");
                }
                int version = in.readInt();
                if (version < 1 || version > LATEST) {
                    throw new InvalidModelException(name + ": " + kind + " format version " + version
                            + " is not supported (this build reads versions 1 and " + LATEST + ")");
                }
                int length = in.readInt();
                if (length <= 0 || length > MAX_HEADER) {
                    throw new InvalidModelException(name + ": corrupt " + kind + " header length " + length);
                }
                this.fixedAndHeader = magic.length + 4 + 4 + length + 8;
                byte[] json = new byte[length];
                in.readFully(json);
                this.header = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
                if (header == null) {
                    throw new InvalidModelException(name + ": corrupt " + kind + " header: null, not an object");
                }
                this.precision = precision(header.get(PRECISION), version, name, kind);
                // Callers see the precision by name, also where a version 1 file leaves it out.
                header.put(PRECISION, precision.configName());
            } catch (EOFException e) {
                throw new InvalidModelException(name + ": " + kind + " file is truncated");
            } catch (JacksonException e) {
                throw new InvalidModelException(name + ": corrupt " + kind + " header: " + e.getOriginalMessage());
            }
        }

        /**
         * The precision that a version {@code version} file's header names: one whose version is at most the file's,
         * float64 where a version 1 file names none. Names match exactly, without the aliases that a config accepts.
         */
        private static Precision precision(Object named, int version, String name, String kind)
                throws InvalidModelException {
            if (named == null && version == 1) {
                return Precision.FLOAT64;
            }
            List<String> allowed = new ArrayList<>();
            for (Precision p : Precision.values()) {
                if (version(p) <= version) {
                    if (p.configName().equals(named)) {
                        return p;
                    }
                    allowed.add(p.configName());
                }
            }
            throw new InvalidModelException(name + ": corrupt " + kind + " header: precision "
                    + (named == null ? "missing" : named) + " in a version " + version + " file, which holds "
                    + String.join(" or ", allowed));
        }

        Map<String, Object> header() {
            return header;
        }

        /** The number type of the file's arrays. */
        Precision precision() {
            return precision;
        }

        /**
         * Checks that arrays of {@code lengths} values, all that the file holds, are arrays Java can make and that the
         * file is long enough for them (bytes after the checksum are ignored, as they always were), before
         * {@link #doubles} allocates any of them.
         */
        void expect(long... lengths) throws InvalidModelException {
            long values = 0;
            for (long n : lengths) {
                if (n < 0 || n > ArrayLimits.MAX_LENGTH) {
                    throw new InvalidModelException(name + ": corrupt " + kind + " header: it declares an array of "
                            + n + " values");
                }
                values += n;
            }
            // At most 2^24 lengths of at most 2^31 values, 8 bytes each: no overflow.
            long bytes = fixedAndHeader + values * precision.bytes();
            if (bytes > fileLength) {
                throw new InvalidModelException(name + ": the header declares " + values + " " + precision.configName()
                        + " values, " + bytes + " bytes with the header and checksum, but the file holds "
                        + fileLength + ": it is truncated or corrupt");
            }
            unread = values;
        }

        /** The next {@code n} values, widened exactly to double if the file holds float32. */
        double[] doubles(int n) throws IOException {
            // Allocating only what expect() checked against the file keeps every caller to that order.
            if (n < 0 || n > unread) {
                throw new IllegalStateException(name + ": " + n + " values asked for, " + unread + " expected");
            }
            unread -= n;
            double[] values = new double[n];
            try {
                if (precision == Precision.FLOAT32) {
                    for (int i = 0; i < n; i++) {
                        values[i] = in.readFloat();
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        values[i] = in.readDouble();
                    }
                }
            } catch (EOFException e) {
                throw new InvalidModelException(name + ": file is truncated");
            }
            return values;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        void finish() throws IOException {
            long expected = crc.getValue();
            try {
                if (in.readLong() != expected) {
                    throw new InvalidModelException(name + ": checksum mismatch, the file is corrupt");
                }
            } catch (EOFException e) {
                throw new InvalidModelException(name + ": file is truncated");
            }
        }
    }
}
