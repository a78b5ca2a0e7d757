package io.dpnet.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Tells gzip from raw data by its first bytes, not by a file name; free of Hadoop so class-path reading needs none. */
final class Gzip {
    /**
     * The most that deflate expands data: a 258-byte match coded in 2 bits (one for its length, one for its distance)
     * gives 1032 bytes per byte, and a gzip file's headers only lower that. So a gzip file of n bytes holds at most
     * 1032 · n, whatever its header says; bytes it cannot hold mean a corrupt header.
     */
    static final long MAX_EXPANSION = 1032;
    private static final int BUFFER_SIZE = 1 << 16;

    private Gzip() {
    }

    /** Wraps {@code raw} in a gzip decoder when it starts with the gzip magic bytes 1f 8b, whatever its name. */
    static InputStream decompressIfNeeded(InputStream raw, String source) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER_SIZE);
        try {
            in.mark(2);
            int first = in.read();
            int second = in.read();
            in.reset();
            return first == 0x1f && second == 0x8b ? new GZIPInputStream(in, BUFFER_SIZE) : in;
        } catch (EOFException | ZipException e) {
            in.close();
            throw corrupt(source, e);
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    /** As {@link #decompressIfNeeded}, with what a file of {@code length} bytes can yield ({@link SizedInput}). */
    static SizedInput open(InputStream raw, long length, String source) throws IOException {
        InputStream in = decompressIfNeeded(raw, source);
        return new SizedInput(in, length, in instanceof GZIPInputStream);
    }

    /**
     * The error for a gzip stream that breaks off or is damaged. Only gzip decoding raises these exceptions: the
     * readers use {@code readNBytes} and {@code readLine}, which report the end of a raw file as a short read.
     */
    static InvalidDataException corrupt(String source, IOException cause) {
        return new InvalidDataException(source + ": truncated or corrupt gzip data (" + cause.getMessage() + ")",
                cause);
    }
}
