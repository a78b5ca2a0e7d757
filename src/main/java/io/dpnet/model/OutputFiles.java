package io.dpnet.model;

import io.dpnet.data.DataFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.security.AccessControlException;

/**
 * Files that dpnet writes (models, checkpoints, metrics, charts, predictions, exports) on any Hadoop file system, each
 * whole or not at all: written under a temporary name in the same folder, then renamed onto the name in one atomic
 * step, so that at every moment the name holds the complete old file or the complete new one.
 */
public final class OutputFiles {
    /** One FileContext per file system: each makes a client of its own (a DFSClient on HDFS), never closed. */
    private static final Map<String, FileContext> CONTEXTS = new ConcurrentHashMap<>();

    private OutputFiles() {
    }

    /** What a file holds, written to a stream. */
    @FunctionalInterface
    public interface Contents {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Checks, before any work, that {@code uri} (given as {@code option}, e.g. "--model-out") can take a file: not a
     * directory, in a folder that exists and that this user may write to, and not an existing file unless
     * {@code replace}. Fails with an IllegalArgumentException that says which.
     */
    public static void checkTarget(String option, String uri, Configuration conf, boolean replace)
            throws IOException {
        Target target = Target.of(uri, conf);
        try {
            target.checkFree(replace);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage() + (target.existing.isDirectory()
                    ? "; give a file name" : "; choose another path or add --overwrite"), e);
        }
        FileSystem fs = target.fs;
        Path parent = target.path.getParent();
        FileStatus folder = parent == null ? null : statusOrNull(fs, parent);
        if (folder == null || !folder.isDirectory()) {
            throw new IllegalArgumentException(option + " " + uri + ": the folder " + parent + " does not exist");
        }
        if (!writable(fs, parent)) {
            throw new IllegalArgumentException(option + " " + uri + ": the folder " + parent + " is not writable");
        }
    }

    /**
     * Writes the file at {@code uri} under a temporary name, then renames it into place, so that a failed write leaves
     * an existing file as it was. An existing file is replaced only with {@code overwrite}, a directory never: both
     * are a FileAlreadyExistsException.
     */
    public static void writeAtomically(String uri, Configuration conf, boolean overwrite, Contents contents)
            throws IOException {
        Target resolved = Target.of(uri, conf);
        resolved.checkFree(overwrite);
        FileSystem fs = resolved.fs;
        Path target = resolved.path;
        Path temp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
        try {
            try (OutputStream out = fs.create(temp, false)) {
                contents.writeTo(out);
            }
            rename(fs, temp, target, conf);
        } finally {
            fs.delete(temp, false);
        }
    }

    /** A file's name on its file system, qualified (so that a bare file name has a folder), and what it holds now. */
    private record Target(String uri, FileSystem fs, Path path, FileStatus existing) {
        static Target of(String uri, Configuration conf) throws IOException {
            Path given = new Path(uri);
            FileSystem fs = DataFiles.writableFileSystem(given, conf);
            Path path = fs.makeQualified(given);
            return new Target(uri, fs, path, statusOrNull(fs, path));
        }

        /** Fails unless the name is free for a file: a directory never is, an existing file only if replaced. */
        void checkFree(boolean replace) throws FileAlreadyExistsException {
            if (existing != null && existing.isDirectory()) {
                throw new FileAlreadyExistsException(uri + " is a directory");
            }
            if (existing != null && !replace) {
                throw new FileAlreadyExistsException(uri + " already exists");
            }
        }
    }

    private static FileStatus statusOrNull(FileSystem fs, Path path) throws IOException {
        try {
            return fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    private static boolean writable(FileSystem fs, Path folder) throws IOException {
        if ("file".equals(fs.getUri().getScheme())) {
            return Files.isWritable(Paths.get(folder.toUri()));
        }
        try {
            fs.access(folder, FsAction.WRITE);
            return true;
        } catch (AccessControlException e) {
            return false;
        }
    }

    /**
     * One atomic rename of {@code temp} onto {@code target}, replacing a file there: rename(2) on a local disk, the
     * file system's own rename with overwrite elsewhere (atomic on HDFS; object stores have no atomic rename at all;
     * a file system without a FileContext binding gets a delete and a rename).
     */
    private static void rename(FileSystem fs, Path temp, Path target, Configuration conf) throws IOException {
        if ("file".equals(fs.getUri().getScheme())) {
            try {
                Files.move(Paths.get(temp.toUri()), Paths.get(target.toUri()), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename " + temp + " onto " + target + " in one step", e);
            }
            return;
        }
        FileContext context;
        try {
            String key = target.toUri().getScheme() + "://" + target.toUri().getAuthority();
            context = CONTEXTS.get(key);
            if (context == null) {
                context = FileContext.getFileContext(target.toUri(), conf);
                CONTEXTS.putIfAbsent(key, context);
            }
        } catch (UnsupportedFileSystemException e) {
            // A file system with no FileContext binding: its own rename, onto a name made free first.
            fs.delete(target, false);
            if (!fs.rename(temp, target)) {
                throw new IOException("cannot rename " + temp + " to " + target);
            }
            return;
        }
        context.rename(temp, target, Options.Rename.OVERWRITE);
    }
}
