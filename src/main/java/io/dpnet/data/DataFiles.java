package io.dpnet.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Opens data files on any Hadoop file system (local path, file://, hdfs://), undoing gzip where there is gzip, and
 * finds the file system to write on. Every I/O error names the location, since Hadoop's own messages (connection
 * refused, ...) often do not.
 */
public final class DataFiles {
    private DataFiles() {
    }

    /**
     * The file system to write {@code path} on, without the {@code .crc} side files that Hadoop's local file system
     * writes by default: dpnet's files carry their own checks, and users should find only what they asked for.
     */
    public static FileSystem writableFileSystem(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        return fs instanceof ChecksumFileSystem local ? local.getRawFileSystem() : fs;
    }

    /** Opens {@code location} for reading, failing with a message that names it when it is missing or unreachable. */
    static InputStream open(String location, Configuration conf) throws IOException {
        return openSized(location, conf).stream();
    }

    /** As {@link #open}, with the file's length, which bounds what a header in it may announce. */
    static SizedInput openSized(String location, Configuration conf) throws IOException {
        Path path = new Path(location);
        FileStatus status = statusOrNull(path, location, conf);
        if (status == null) {
            throw new FileNotFoundException(location + ": no such file");
        }
        if (status.isDirectory()) {
            throw new FileNotFoundException(location + ": is a directory, expected a file");
        }
        InputStream raw;
        try {
            raw = path.getFileSystem(conf).open(path);
        } catch (IOException e) {
            throw new IOException(location + ": " + e.getMessage(), e);
        }
        return Gzip.open(raw, status.getLen(), location);
    }

    /** True when {@code path} exists and is a file. */
    static boolean isFile(Path path, Configuration conf) throws IOException {
        FileStatus status = statusOrNull(path, path.toString(), conf);
        return status != null && status.isFile();
    }

    /** True when {@code path} exists and is a directory. */
    static boolean isDirectory(Path path, Configuration conf) throws IOException {
        FileStatus status = statusOrNull(path, path.toString(), conf);
        return status != null && status.isDirectory();
    }

    private static FileStatus statusOrNull(Path path, String location, Configuration conf) throws IOException {
        try {
            return path.getFileSystem(conf).getFileStatus(path);
        } catch (FileNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new IOException(location + ": " + e.getMessage(), e);
        }
    }
}
