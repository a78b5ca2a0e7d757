package io.dpnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.model.CheckpointLock;
import io.dpnet.testing.FullDiskFileSystem;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs are checked before any work and never replace a directory; a checkpoint folder has one writer; a full disk
 * while checkpointing stops the run and leaves the checkpoints before it whole.
 */
class OutputSafetyTest {

    @TempDir
    Path dir;

    private static void assertRefusedBeforeTraining(CliRun run, String message) {
        assertEquals(2, run.status(), run.err());
        assertEquals(1, run.errorLines().lines().count(), run.errorLines());
        assertTrue(run.errorLines().contains(message), run.errorLines());
        assertFalse(run.out().contains("epoch "), "no training before the check: " + run.out());
    }

    @Test
    void outputPathsThatCannotTakeAFileAreRefusedBeforeTraining() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("results"));
        Files.writeString(folder.resolve("keep.txt"), "the user's file");
        for (String option : List.of("--model-out", "--metrics-out", "--plot")) {
            assertRefusedBeforeTraining(CliRun.of("train", "--epochs", "1", option, folder.toString()),
                    option + " " + folder + " is a directory; give a file name");
            assertRefusedBeforeTraining(CliRun.of("train", "--epochs", "1", option,
                    dir.resolve("missing/out.file").toString()), "the folder ");
        }
        assertEquals("the user's file", Files.readString(folder.resolve("keep.txt")));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(folder), left.toList(), "nothing moved aside or left behind");
        }
        CliRun predict = CliRun.of("predict", "--model", "any.model", "--out", folder.toString());
        assertEquals(2, predict.status(), predict.err());
        assertTrue(predict.errorLines().contains("is a directory"), predict.errorLines());
        CliRun evaluate = CliRun.of("evaluate", "--model", "any.model", "--metrics-out", folder.toString());
        assertEquals(2, evaluate.status(), evaluate.err());
        assertTrue(evaluate.errorLines().contains("is a directory"), evaluate.errorLines());
        Path file = Files.writeString(dir.resolve("taken"), "x");
        CliRun checkpointFile = CliRun.of("train", "--epochs", "1", "--checkpoint-dir", file.toString());
        assertRefusedBeforeTraining(checkpointFile, "--checkpoint-dir " + file + " is a file, not a folder");
    }

    private static Path lockWith(Path checkpoints, String host, long pid) throws IOException {
        Files.createDirectories(checkpoints);
        return Files.writeString(checkpoints.resolve(CheckpointLock.NAME), "host=" + host + "\npid=" + pid
                + "\nstarted=2026-01-01T00:00:00Z\n");
    }

    @Test
    void aCheckpointFolderInUseIsRefusedAndAStaleLockTakenOver() throws Exception {
        String host = InetAddress.getLocalHost().getHostName();
        Path checkpoints = dir.resolve("checkpoints");
        Path live = lockWith(checkpoints, host, ProcessHandle.current().pid());
        CliRun refused = CliRun.of("train", "--epochs", "1", "--master", "local[2]", "--checkpoint-dir",
                checkpoints.toString());
        assertRefusedBeforeTraining(refused, "--checkpoint-dir " + checkpoints + " is in use by the run of process "
                + ProcessHandle.current().pid() + " on " + host);
        assertTrue(Files.exists(live), "a live run's lock stays");

        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        lockWith(checkpoints, host, gone.pid());
        CliRun afterDeadProcess = CliRun.of("train", "--epochs", "1", "--master", "local[2]", "--checkpoint-dir",
                checkpoints.toString());
        assertEquals(0, afterDeadProcess.status(), afterDeadProcess.err());
        assertTrue(afterDeadProcess.out().contains("that process no longer runs"), afterDeadProcess.out());
        assertFalse(Files.exists(live), "the run released its lock");

        Path old = lockWith(checkpoints, "another-host", 1);
        Files.setLastModifiedTime(old, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        CliRun afterSilence = CliRun.of("train", "--epochs", "2", "--master", "local[2]", "--checkpoint-dir",
                checkpoints.toString(), "--resume");
        assertEquals(0, afterSilence.status(), afterSilence.err());
        assertTrue(afterSilence.out().contains("untouched for"), afterSilence.out());
        assertTrue(afterSilence.out().contains("resuming at step"), afterSilence.out());
        assertFalse(Files.exists(old));
    }

    /**
     * The disk fills while the second epoch's checkpoint is written: the run stops (exit 2, one line), the first
     * epoch's checkpoint stays whole with no half-written file beside it, and a resumed run continues from it.
     */
    @Test
    void aFullDiskStopsTheRunAndKeepsTheCheckpointsBeforeIt() throws IOException {
        Path checkpoints = dir.resolve("full");
        String uri = "fulldisk://" + checkpoints;
        FullDiskFileSystem.register();
        try {
            FullDiskFileSystem.FILES_LEFT.set(1);
            CliRun full = CliRun.of("train", "--epochs", "3", "--master", "local[2]", "--checkpoint-dir", uri);
            assertEquals(2, full.status(), full.out() + full.err());
            assertTrue(full.errorLines().matches("dpnet train: error: cannot write the checkpoint of step \\d+: No "
                    + "space left on device; the checkpoints before it are intact.*\n"), full.errorLines());
        } finally {
            FullDiskFileSystem.unregister();
        }
        List<String> left;
        try (Stream<Path> files = Files.list(checkpoints)) {
            left = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(1, left.size(), "one whole checkpoint, no temporary file, the lock released: " + left);
        byte[] kept = Files.readAllBytes(checkpoints.resolve(left.get(0)));
        CliRun resumed = CliRun.of("train", "--epochs", "2", "--master", "local[2]", "--checkpoint-dir",
                checkpoints.toString(), "--resume");
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.out().contains("resuming at step 40 (1 whole epochs done)"), resumed.out());
        assertArrayEquals(kept, Files.readAllBytes(checkpoints.resolve(left.get(0))));
    }
}
