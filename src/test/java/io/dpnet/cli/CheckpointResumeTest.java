package io.dpnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.model.CheckpointStore;
import io.dpnet.model.ModelFile;
import io.dpnet.testing.LogLines;
import io.dpnet.testing.SparkTestConf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupted run resumed from its checkpoint ends with the same model as a run that was never interrupted, bit
 * for bit; a corrupt newest checkpoint is skipped for the one before it.
 */
class CheckpointResumeTest {
    @TempDir
    Path dir;

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
        // The bundled 10,000 digits in batches of 256: 40 steps an epoch.
        assertEquals(List.of("checkpoint-step-000000000040.dpck"), checkpointFiles(checkpoints));
        Path resumed = dir.resolve("resumed.model");
        CliRun run = train("--epochs", "3", "--checkpoint-dir", checkpoints.toString(), "--resume",
                "--keep-checkpoints", "2", "--model-out", resumed.toString());
        assertTrue(run.out().contains("resuming at step 40"), run.out());
        assertEquals(2, run.out().lines().filter(l -> l.startsWith("epoch ")).count(), run.out());
        assertArrayEquals(params(straight), params(resumed), 0.0);
        assertEquals(List.of("checkpoint-step-000000000080.dpck", "checkpoint-step-000000000120.dpck"),
                checkpointFiles(checkpoints));

        // Damage the newest checkpoint: resuming must fall back to epoch 2 and still reach the same model.
        Path newest = checkpoints.resolve("checkpoint-step-000000000120.dpck");
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(newest, bytes);
        Path again = dir.resolve("again.model");
        run = train("--epochs", "3", "--checkpoint-dir", checkpoints.toString(), "--resume",
                "--model-out", again.toString());
        assertTrue(run.out().contains("resuming at step 80"), run.out());
        assertArrayEquals(params(straight), params(again), 0.0);
    }

    /**
     * A newest checkpoint whose header declares an array of -5 values (its checksum right) is skipped with a warning
     * naming it, and the run resumes from the one before it.
     */
    @Test
    void resumingSkipsANewestCheckpointThatDeclaresANegativeLength() throws IOException {
        Path checkpoints = dir.resolve("checkpoints");
        train("--epochs", "2", "--checkpoint-dir", checkpoints.toString(), "--keep-checkpoints", "2");
        assertEquals(List.of("checkpoint-step-000000000040.dpck", "checkpoint-step-000000000080.dpck"),
                checkpointFiles(checkpoints));
        Path newest = checkpoints.resolve("checkpoint-step-000000000120.dpck");
        byte[] previous = Files.readAllBytes(checkpoints.resolve("checkpoint-step-000000000080.dpck"));
        Files.write(newest, withHeader(previous, header -> header.replace("\"step\":80", "\"step\":120")
                .replaceFirst("\"optimizer_state_lengths\":\\[\\d+", "\"optimizer_state_lengths\":[-5")));
        try (LogLines log = LogLines.of(CheckpointStore.class)) {
            CliRun run = train("--epochs", "3", "--checkpoint-dir", checkpoints.toString(), "--resume");
            assertTrue(run.out().contains("resuming at step 80"), run.out());
            assertEquals(1, run.out().lines().filter(l -> l.startsWith("epoch ")).count(), run.out());
            assertEquals(List.of("WARN skipping checkpoint file:" + newest
                    + ": corrupt checkpoint header: optimizer_state_lengths is -5"), log.lines());
        }
    }

    /** A checkpoint file with its JSON header rewritten by {@code edit} and its checksum made to match. */
    private static byte[] withHeader(byte[] file, UnaryOperator<String> edit) {
        ByteBuffer in = ByteBuffer.wrap(file);
        int length = in.getInt(12);
        String header = edit.apply(new String(file, 16, length, StandardCharsets.UTF_8));
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(file.length - length + json.length);
        out.put(file, 0, 12).putInt(json.length).put(json).put(file, 16 + length, file.length - 16 - length - 8);
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, out.position());
        return out.putLong(crc.getValue()).array();
    }

    /**
     * The driver is killed (SIGKILL, in a JVM of its own) in the middle of an epoch; resuming from its newest
     * checkpoint, taken inside that epoch, ends with the model of a run that was never interrupted.
     */
    @Tag("integration")
    @Test
    void aKilledDriverResumesFromAStepCheckpointToTheSameModel() throws Exception {
        // Batches of 64: 157 steps an epoch, checkpoints every 25 steps and at the end of every epoch.
        String[] run = {"--epochs", "3", "--batch-size", "64"};
        Path straight = dir.resolve("straight.model");
        train(concat(run, "--model-out", straight.toString()));

        Path checkpoints = dir.resolve("killed-checkpoints");
        Path killedModel = dir.resolve("killed.model");
        Process driver = driverProcess(concat(run, "--checkpoint-dir", checkpoints.toString(),
                "--checkpoint-every-steps", "25", "--model-out", killedModel.toString()));
        long killedAt = killOnceCheckpointed(driver, checkpoints, 200);
        assertTrue(killedAt >= 200 && killedAt < 2 * 157, "killed in the middle of epoch 2, at step " + killedAt);
        assertTrue(Files.notExists(killedModel), "the killed run did not finish");

        Path resumed = dir.resolve("resumed.model");
        CliRun again = train(concat(run, "--checkpoint-dir", checkpoints.toString(), "--resume",
                "--model-out", resumed.toString()));
        assertTrue(again.out().contains("resuming at step " + killedAt), again.out());
        assertArrayEquals(params(straight), params(resumed), 0.0);
        assertEquals(testLoss(straight), testLoss(resumed), 1e-12);
    }

    private double testLoss(Path model) throws IOException {
        Path metrics = dir.resolve(model.getFileName() + ".json");
        CliRun run = CliRun.of("evaluate", "--master", "local[2]", "--model", model.toString(),
                "--metrics-out", metrics.toString());
        assertEquals(0, run.status(), run.err());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(metrics.toFile()).get("test_loss")
                .asDouble();
    }

    /** {@code dpnet train} in a JVM of its own, with this JVM's class path and module flags. */
    private Process driverProcess(String... trainArgs) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Dspark.ui.enabled=false"));
        command.addAll(SparkTestConf.moduleFlags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "train",
                "--master", "local[2]", "--partitions", "2"));
        command.addAll(List.of(trainArgs));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("driver.log").toFile()).start();
    }

    /** Kills the driver with SIGKILL as soon as it has written a checkpoint at step {@code step} or later. */
    private long killOnceCheckpointed(Process driver, Path checkpoints, long step) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            long newest = Files.isDirectory(checkpoints) ? checkpointFiles(checkpoints).stream()
                    .filter(n -> n.matches("checkpoint-step-\\d+\\.dpck"))
                    .mapToLong(n -> Long.parseLong(n.replaceAll("\\D", ""))).max().orElse(0) : 0;
            if (newest >= step) {
                driver.destroyForcibly().waitFor();
                return newest;
            }
            if (!driver.isAlive()) {
                throw new AssertionError("the driver ended before step " + step + ": "
                        + Files.readString(dir.resolve("driver.log")));
            }
            Thread.sleep(5);
        }
        driver.destroyForcibly();
        throw new AssertionError("no checkpoint at step " + step + " within 3 minutes");
    }

    private static String[] concat(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
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
