package io.dpnet.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A data file opened for reading, gzip undone, with what its length says about its content before any of it is read:
 * a raw file yields exactly its length, a gzip file at most {@link Gzip#MAX_EXPANSION} times it. A header announcing
 * more is corrupt, and is refused before anything is allocated for it.
 */
record SizedInput(InputStream stream, long fileLength, boolean gzip) implements Closeable {
    /** The length of a stream that is not a file's (a class-path resource): then only the heap bounds it. */
    static final long UNKNOWN = -1;

    static SizedInput unsized(InputStream stream) {
        return new SizedInput(stream, UNKNOWN, false);
    }

    /** The most bytes the stream can yield; {@link Long#MAX_VALUE} where the length is unknown. */
    long maxBytes() {
        if (fileLength == UNKNOWN) {
            return Long.MAX_VALUE;
        }
        return gzip ? ArrayLimits.product(fileLength, Gzip.MAX_EXPANSION) : fileLength;
    }

    /** Whether the stream yields exactly {@link #maxBytes}: a raw file of known length. */
    boolean exact() {
        return fileLength != UNKNOWN && !gzip;
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
