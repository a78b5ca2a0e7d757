package io.dpnet.model;

import io.dpnet.data.DataFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Files that dpnet writes (models, metrics, predictions) on any Hadoop file system. */
public final class OutputFiles {
    private OutputFiles() {
    }

    /** What a file holds, written to a stream. */
    @FunctionalInterface
    public interface Contents {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Creates (or replaces) the file at {@code uri}. */
    public static OutputStream create(String uri, Configuration conf) throws IOException {
        Path path = new Path(uri);
        return DataFiles.writableFileSystem(path, conf).create(path, true);
    }

    /**
     * Writes the file at {@code uri} under a temporary name, then renames it into place, so that a failed write leaves
     * an existing file as it was. An existing file is replaced only with {@code overwrite}, a directory never: both
     * are a FileAlreadyExistsException.
     */
    public static void writeAtomically(String uri, Configuration conf, boolean overwrite, Contents contents)
            throws IOException {
        Path given = new Path(uri);
        FileSystem fs = DataFiles.writableFileSystem(given, conf);
        // Qualified, so that a bare file name has a parent folder for the temporary file.
        Path target = fs.makeQualified(given);
        FileStatus existing = statusOrNull(fs, target);
        if (existing != null && existing.isDirectory()) {
            throw new FileAlreadyExistsException(uri + " is a directory");
        }
        if (existing != null && !overwrite) {
            throw new FileAlreadyExistsException(uri + " already exists");
        }
        Path temp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
        try {
            try (OutputStream out = fs.create(temp, false)) {
                contents.writeTo(out);
            }
            replace(fs, temp, target);
        } finally {
            fs.delete(temp, false);
        }
    }

    private static FileStatus statusOrNull(FileSystem fs, Path path) throws IOException {
        try {
            return fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    /** Moves {@code temp} onto {@code target}, keeping the old file until the new one is in place. */
    private static void replace(FileSystem fs, Path temp, Path target) throws IOException {
        Path backup = null;
        if (fs.exists(target)) {
            backup = new Path(target.getParent(), "." + target.getName() + ".old-" + UUID.randomUUID());
            if (!fs.rename(target, backup)) {
                throw new IOException("cannot move the existing file " + target + " aside");
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
