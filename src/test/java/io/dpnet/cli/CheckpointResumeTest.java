package io.dpnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.model.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupted run resumed from its checkpoint ends with the same model as a run that was never interrupted, bit
 * for bit; a corrupt newest checkpoint is skipped for the one before it.
 */
class CheckpointResumeTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void noSparkUi() {
        System.setProperty("spark.ui.enabled", "false");
    }

    private static CliRun train(String... args) {
        String[] common = {"train", "--master", "local[2]", "--partitions", "2"};
        CliRun run = CliRun.of(Stream.concat(Stream.of(common), Stream.of(args)).toArray(String[]::new));
        assertEquals(0, run.status(), run.err());
        return run;
    }

    private static double[] params(Path model) throws IOException {
        return ModelFile.load(model.toString(), new Configuration()).params();
    }

    private List<String> checkpointFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void resumingGivesTheUninterruptedModel() throws IOException {
        Path straight = dir.resolve("straight.model");
        train("--epochs", "3", "--model-out", straight.toString());

        Path checkpoints = dir.resolve("checkpoints");
        train("--epochs", "1", "--checkpoint-dir", checkpoints.toString());
        assertEquals(List.of("checkpoint-epoch-000001.dpck"), checkpointFiles(checkpoints));
        Path resumed = dir.resolve("resumed.model");
        CliRun run = train("--epochs", "3", "--checkpoint-dir", checkpoints.toString(), "--resume",
                "--keep-checkpoints", "2", "--model-out", resumed.toString());
        assertTrue(run.out().contains("resuming after epoch 1"), run.out());
        assertEquals(2, run.out().lines().filter(l -> l.startsWith("epoch ")).count(), run.out());
        assertArrayEquals(params(straight), params(resumed), 0.0);
        assertEquals(List.of("checkpoint-epoch-000002.dpck", "checkpoint-epoch-000003.dpck"),
                checkpointFiles(checkpoints));

        // Damage the newest checkpoint: resuming must fall back to epoch 2 and still reach the same model.
        Path newest = checkpoints.resolve("checkpoint-epoch-000003.dpck");
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(newest, bytes);
        Path again = dir.resolve("again.model");
        run = train("--epochs", "3", "--checkpoint-dir", checkpoints.toString(), "--resume",
                "--model-out", again.toString());
        assertTrue(run.out().contains("resuming after epoch 2"), run.out());
        assertArrayEquals(params(straight), params(again), 0.0);
    }

    @Test
    void refusesAnotherRunsCheckpointsAndResumingWithoutAFolder() throws IOException {
        Path checkpoints = dir.resolve("other");
        train("--epochs", "1", "--checkpoint-dir", checkpoints.toString());
        CliRun run = CliRun.of("train", "--master", "local[2]", "--epochs", "2", "--seed", "99",
                "--checkpoint-dir", checkpoints.toString(), "--resume");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.errorLines().contains("written for another run (seed 1, this run has 99)"), run.err());

        run = CliRun.of("train", "--resume");
        assertEquals(2, run.status());
        assertTrue(run.errorLines().contains("--resume needs --checkpoint-dir"), run.err());
    }
}
