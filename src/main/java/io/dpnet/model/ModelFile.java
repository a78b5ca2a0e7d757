package io.dpnet.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkSpec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The model file format, version 1 (see docs/MODEL_FORMAT.md): the magic bytes {@code DPNETMDL}, the format version
 * (int32), a UTF-8 JSON header (int32 length, then bytes) with the architecture, then the parameters as float64, all
 * big-endian, closed by the CRC-32 of everything before it (int64). Plain data only: loading a model never runs code
 * from the file. Files are written to a temporary name and renamed, so a failed write leaves an existing model alone.
 */
public final class ModelFile {
    static final byte[] MAGIC = "DPNETMDL".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    private static final int MAX_HEADER = 1 << 24;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFile() {
    }

    public static void save(Model model, String uri, Configuration conf) throws IOException {
        Path target = new Path(uri);
        FileSystem fs = OutputFiles.fileSystem(target, conf);
        Path temp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
        try {
            try (OutputStream out = fs.create(temp, false)) {
                write(model, out);
            }
            replace(fs, temp, target);
        } finally {
            fs.delete(temp, false);
        }
    }

    public static Model load(String uri, Configuration conf) throws IOException {
        Path path = new Path(uri);
        FileSystem fs = path.getFileSystem(conf);
        if (!fs.exists(path)) {
            throw new FileNotFoundException("model file " + uri + " does not exist");
        }
        try (FSDataInputStream in = fs.open(path)) {
            return read(in, uri);
        }
    }

    static void write(Model model, OutputStream raw) throws IOException {
        CRC32 crc = new CRC32();
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(raw, crc)));
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("format", "dpnet-model");
        header.put("version", VERSION);
        header.put("network", model.spec().describe());
        header.put("param_count", model.params().length);
        byte[] json = JSON.writeValueAsBytes(header);
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(json.length);
        out.write(json);
        for (double p : model.params()) {
            out.writeDouble(p);
        }
        out.flush();
        new DataOutputStream(raw).writeLong(crc.getValue());
        raw.flush();
    }

    static Model read(InputStream raw, String name) throws IOException {
        CRC32 crc = new CRC32();
        // Buffer below the checksum, so that it covers exactly the bytes consumed.
        DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(raw), crc));
        try {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InvalidModelException(name + ": not a dpnet model file (wrong magic bytes)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new InvalidModelException(name + ": model format version " + version
                        + " is not supported (this build reads version " + VERSION + ")");
            }
            int length = in.readInt();
            if (length <= 0 || length > MAX_HEADER) {
                throw new InvalidModelException(name + ": corrupt model header length " + length);
            }
            byte[] json = new byte[length];
            in.readFully(json);
            Map<String, Object> header = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
            if (!(header.get("network") instanceof Map<?, ?> network)) {
                throw new InvalidModelException(name + ": model header has no 'network' description");
            }
            @SuppressWarnings("unchecked")
            NetworkSpec spec = NetworkSpec.fromDescription((Map<String, Object>) network);
            double[] params = new double[spec.paramCount()];
            Object count = header.get("param_count");
            if (!(count instanceof Number n) || n.intValue() != params.length) {
                throw new InvalidModelException(name + ": header says " + count + " parameters but the network has "
                        + params.length);
            }
            for (int i = 0; i < params.length; i++) {
                params[i] = in.readDouble();
            }
            long expected = crc.getValue();
            long stored = in.readLong();
            if (stored != expected) {
                throw new InvalidModelException(name + ": checksum mismatch, the model file is corrupt");
            }
            return new Model(spec, params);
        } catch (EOFException e) {
            throw new InvalidModelException(name + ": model file is truncated");
        } catch (com.fasterxml.jackson.core.JacksonException | IllegalArgumentException | ClassCastException
                 | ArithmeticException e) {
            throw new InvalidModelException(name + ": corrupt model header: " + e.getMessage());
        }
    }

    /** Moves {@code temp} onto {@code target}, keeping the old file until the new one is in place. */
    private static void replace(FileSystem fs, Path temp, Path target) throws IOException {
        Path backup = null;
        if (fs.exists(target)) {
            backup = new Path(target.getParent(), "." + target.getName() + ".old-" + UUID.randomUUID());
            if (!fs.rename(target, backup)) {
                throw new IOException("cannot move the existing model " + target + " aside");
            }
        }
        if (!fs.rename(temp, target)) {
            if (backup != null) {
                fs.rename(backup, target);
            }
            throw new IOException("cannot rename " + temp + " to " + target);
        }
        if (backup != null) {
            fs.delete(backup, false);
        }
    }
}
