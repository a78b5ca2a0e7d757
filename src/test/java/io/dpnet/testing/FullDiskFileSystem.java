package io.dpnet.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local disk under the scheme {@code fulldisk:}, which runs out of space after {@link #FILES_LEFT} more files
 * whose names contain {@link #FILLING}: writing to the next one fails as a full disk does. Registered through
 * {@code spark.hadoop.fs.fulldisk.impl} (see {@link #register}).
 */
public final class FullDiskFileSystem extends RawLocalFileSystem {
    public static final AtomicInteger FILES_LEFT = new AtomicInteger(Integer.MAX_VALUE);
    public static final String FILLING = "checkpoint-step";

    /** Makes {@code fulldisk:} paths reach this class from the command line's Hadoop configuration. */
    public static void register() {
        System.setProperty("spark.hadoop.fs.fulldisk.impl", FullDiskFileSystem.class.getName());
        System.setProperty("spark.hadoop.fs.fulldisk.impl.disable.cache", "true");
    }

    public static void unregister() {
        System.clearProperty("spark.hadoop.fs.fulldisk.impl");
        System.clearProperty("spark.hadoop.fs.fulldisk.impl.disable.cache");
        FILES_LEFT.set(Integer.MAX_VALUE);
    }

    @Override
    public URI getUri() {
        return URI.create("fulldisk:///");
    }

    @Override
    public String getScheme() {
        return "fulldisk";
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                     short replication, long blockSize, Progressable progress) throws IOException {
        return fill(f, super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress));
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
                                     Progressable progress) throws IOException {
        return fill(f, super.create(f, overwrite, bufferSize, replication, blockSize, progress));
    }

    private static FSDataOutputStream fill(Path f, FSDataOutputStream real) throws IOException {
        if (!f.getName().contains(FILLING) || FILES_LEFT.getAndDecrement() > 0) {
            return real;
        }
        return new FSDataOutputStream(new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                if (++written > 1000) {
                    throw new IOException("No space left on device");
                }
                real.write(b);
            }

            @Override
            public void close() throws IOException {
                real.close();
            }
        }, null);
    }
}
