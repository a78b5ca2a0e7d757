package io.dpnet.model;

import io.dpnet.data.DataFiles;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer per checkpoint folder: a lock file naming the owner's host and process, which the owner touches every
 * {@value #REFRESH_SECONDS} s while it runs and deletes when it ends. Another run refuses a folder whose lock is live
 * (two runs would prune each other's checkpoints) and takes over a stale one: untouched for {@value #STALE_SECONDS} s
 * (its owner is gone, wherever it ran), or left by a process of this host that no longer runs.
 */
public final class CheckpointLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointLock.class);
    /** The lock's name in the checkpoint folder. */
    public static final String NAME = ".dpnet-train.lock";
    static final long REFRESH_SECONDS = 10;
    static final long STALE_SECONDS = 60;

    private final FileSystem fs;
    private final Path lock;
    private final String owner;
    private final ScheduledExecutorService refresher;
    private final String tookOver;
    private volatile boolean lost;

    private CheckpointLock(FileSystem fs, Path lock, String owner, String tookOver) {
        this.fs = fs;
        this.lock = lock;
        this.owner = owner;
        this.tookOver = tookOver;
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dpnet checkpoint lock");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleAtFixedRate(this::touch, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    /** Creates {@code dir} if need be and takes its lock, or fails naming the live run that holds it. */
    public static CheckpointLock take(String dir, Configuration conf) throws IOException {
        Path folder = new Path(dir);
        FileSystem fs = DataFiles.writableFileSystem(folder, conf);
        FileStatus status = fs.exists(folder) ? fs.getFileStatus(folder) : null;
        if (status != null && !status.isDirectory()) {
            throw new IllegalArgumentException("--checkpoint-dir " + dir + " is a file, not a folder");
        }
        if (status == null && !fs.mkdirs(folder)) {
            throw new IllegalArgumentException("--checkpoint-dir " + dir + " cannot be created");
        }
        Path lock = new Path(folder, NAME);
        String owner = ownerHere();
        if (create(fs, lock, owner)) {
            return new CheckpointLock(fs, lock, owner, null);
        }
        String judged = contents(fs, lock);
        Properties held = new Properties();
        held.load(new StringReader(judged));
        String stale = staleness(fs, lock, held);
        if (stale == null) {
            throw new IllegalArgumentException("--checkpoint-dir " + dir + " is in use by the run of process "
                    + held.getProperty("pid") + " on " + held.getProperty("host") + " (" + lock + "): wait for it "
                    + "to end, give another folder, or delete the lock if that run is gone");
        }
        // Another run may have taken the stale lock over meanwhile: delete only the one judged stale.
        if (!judged.equals(contents(fs, lock)) || !fs.delete(lock, false) || !create(fs, lock, owner)) {
            throw new IllegalArgumentException("--checkpoint-dir " + dir + " was locked by another run just now");
        }
        return new CheckpointLock(fs, lock, owner, "took over the stale lock " + lock + " of process "
                + held.getProperty("pid") + " on " + held.getProperty("host") + ": " + stale);
    }

    /** Why the lock {@code held} describes is stale, or null while its owner may still run. */
    private static String staleness(FileSystem fs, Path lock, Properties held) throws IOException {
        long age;
        try {
            age = System.currentTimeMillis() - fs.getFileStatus(lock).getModificationTime();
        } catch (FileNotFoundException e) {
            return "it is gone";
        }
        if (age > STALE_SECONDS * 1000) {
            return "untouched for " + age / 1000 + " s";
        }
        if (hostName().equals(held.getProperty("host"))) {
            try {
                long pid = Long.parseLong(held.getProperty("pid", ""));
                if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                    return "that process no longer runs";
                }
            } catch (NumberFormatException e) {
                return "it names no process";
            }
        }
        return null;
    }

    /** Exclusive creation (O_EXCL on a local disk, the file system's own elsewhere): false when the lock exists. */
    private static boolean create(FileSystem fs, Path lock, String owner) throws IOException {
        if ("file".equals(fs.getUri().getScheme())) {
            try {
                Files.write(Paths.get(fs.makeQualified(lock).toUri()), owner.getBytes(StandardCharsets.UTF_8),
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        }
        try (OutputStream out = fs.create(lock, false)) {
            out.write(owner.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (fs.exists(lock)) {
                return false;
            }
            throw e;
        }
    }

    /** The lock's text; empty when it is gone (released meanwhile). */
    private static String contents(FileSystem fs, Path lock) throws IOException {
        try (InputStream in = fs.open(lock)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            return "";
        }
    }

    private static String ownerHere() {
        return "host=" + hostName() + "\npid=" + ProcessHandle.current().pid() + "\nstarted="
                + Instant.now() + "\n";
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** What was taken over when this lock replaced a stale one, for the user to read; null if nothing. */
    public String tookOver() {
        return tookOver;
    }

    /** Keeps the lock fresh while it is still this run's; notes when another run has taken it over. */
    void touch() {
        try {
            if (!owner.equals(contents(fs, lock))) {
                lost = true;
                refresher.shutdown();
                return;
            }
            fs.setTimes(lock, System.currentTimeMillis(), -1);
        } catch (Exception e) { // an exception would end the schedule silently
            LOG.warn("cannot refresh the checkpoint lock {}: {}", lock, e.getMessage());
        }
    }

    /** Fails when another run has taken this lock over (this run stalled beyond the lock's staleness). */
    public void checkHeld() throws IOException {
        if (lost) {
            throw new IOException("another run took over the checkpoint lock " + lock + " (this run was silent for "
                    + "over " + STALE_SECONDS + " s): stopping rather than writing checkpoints beside it");
        }
    }

    /** Releases the lock, if it is still this run's. */
    @Override
    public void close() throws IOException {
        refresher.shutdownNow();
        if (owner.equals(contents(fs, lock))) {
            fs.delete(lock, false);
        }
    }
}
