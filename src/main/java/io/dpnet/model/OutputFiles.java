package io.dpnet.model;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Files that dpnet writes (models, metrics, predictions) on any Hadoop file system. */
public final class OutputFiles {
    private OutputFiles() {
    }

    /**
     * The file system of {@code path}, without the {@code .crc} side files that Hadoop's local file system writes by
     * default: model files carry their own checksum, and users should find only what they asked for.
     */
    public static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        return fs instanceof ChecksumFileSystem local ? local.getRawFileSystem() : fs;
    }

    /** Creates (or replaces) the file at {@code uri}. */
    public static OutputStream create(String uri, Configuration conf) throws IOException {
        Path path = new Path(uri);
        return fileSystem(path, conf).create(path, true);
    }
}
