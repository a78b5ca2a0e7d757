package io.dpnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dpnet.data.BundledMnist;
import io.dpnet.data.MnistData;
import io.dpnet.model.ModelFile;
import io.dpnet.nn.Model;
import io.dpnet.nn.layer.Scale;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input scaling through the command line, on the bundled digits written out as raw 0-255 pixel CSV files. */
class ScalingCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Path rawTrain;
    private static Path rawTest;

    @BeforeAll
    static void writeRawPixelFiles() throws IOException {
        MnistData digits = BundledMnist.load();
        rawTrain = dir.resolve("raw-train.csv");
        rawTest = dir.resolve("raw-test.csv");
        DigitCsv.write(digits.train(), rawTrain, i -> true);
        DigitCsv.write(digits.test(), rawTest, i -> true);
    }

    /**
     * The case: a raw-pixel CSV trained with the defaults learns as the IDX digits do (the same pixels scaled
     * by the reader), the model keeps the scaling, and evaluating it on the raw test file gives the run's accuracy.
     */
    @Test
    void aRawPixelCsvTrainsAsTheIdxDigitsDoAndTheModelKeepsItsScaling() throws Exception {
        Path model = dir.resolve("raw.model");
        Path metrics = dir.resolve("raw.json");
        CliRun raw = CliRun.of("train", "--data", rawTrain.toString(), "--test-data", rawTest.toString(),
                "--epochs", "3", "--master", "local[2]", "--model-out", model.toString(),
                "--metrics-out", metrics.toString());
        assertEquals(0, raw.status(), raw.err());
        assertTrue(raw.out().contains("scaling: unit-range, x / 255 (auto)"), raw.out());
        assertTrue(raw.out().contains("784 features in [0, 255]"), raw.out());
        Path idxMetrics = dir.resolve("idx.json");
        CliRun idx = CliRun.of("train", "--epochs", "3", "--master", "local[2]", "--metrics-out",
                idxMetrics.toString());
        assertEquals(0, idx.status(), idx.err());
        assertTrue(idx.out().contains("scaling: none (auto)"), idx.out());

        JsonNode rawJson = JSON.readTree(metrics.toFile());
        double rawAccuracy = rawJson.get("test_accuracy").asDouble();
        double idxAccuracy = JSON.readTree(idxMetrics.toFile()).get("test_accuracy").asDouble();
        assertTrue(rawAccuracy > 0.88 && rawAccuracy > idxAccuracy - 0.01,
                "raw CSV " + rawAccuracy + " against IDX " + idxAccuracy);
        JsonNode data = rawJson.get("data");
        assertEquals(BundledMnist.TRAIN_SIZE, data.get("samples").asInt());
        long counted = 0;
        for (JsonNode c : data.get("class_counts")) {
            counted += c.asLong();
        }
        assertEquals(BundledMnist.TRAIN_SIZE, counted);
        assertEquals(255, data.get("feature_max").asDouble());
        assertEquals("unit-range", data.get("scaling").asText());
        assertEquals("auto", data.get("scaling_requested").asText());

        Model saved = ModelFile.load(model.toString(), new Configuration());
        Scale scale = saved.spec().scaling().orElseThrow();
        assertEquals(1 / 255.0, scale.factor(0));
        Path evalMetrics = dir.resolve("eval.json");
        CliRun eval = CliRun.of("evaluate", "--model", model.toString(), "--data", rawTest.toString(),
                "--master", "local[2]", "--metrics-out", evalMetrics.toString());
        assertEquals(0, eval.status(), eval.err());
        assertEquals(rawAccuracy, JSON.readTree(evalMetrics.toFile()).get("test_accuracy").asDouble());
    }

    @Test
    void rawFeaturesWithoutScalingDrawAWarning() {
        CliRun run = CliRun.of("train", "--data", rawTrain.toString(), "--epochs", "1", "--master", "local[2]",
                "--scaling", "none");
        assertTrue(run.status() == 0 || run.status() == 3, run.err());
        assertTrue(run.out().contains("warning: features reach 255, far from unit scale, and no scaling applies"),
                run.out());
    }

    @Test
    void aScalingThatDoesNotFitOrAClassWithoutSamplesIsOneLineAndExit2() throws IOException {
        CliRun narrow = CliRun.of("train", "--data", rawTrain.toString(), "--epochs", "1", "--master", "local[2]",
                "--scaling", "unit-range:100");
        assertEquals(2, narrow.status(), narrow.err());
        assertEquals("dpnet train: error: " + rawTrain + ": features reach 255, beyond the scaling's maximum of 100: "
                + "give a larger one, or unit-range alone to take the data's\n", narrow.errorLines());

        CliRun unknown = CliRun.of("train", "--scaling", "log");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("invalid scaling 'log'"), unknown.err());

        Path noNines = dir.resolve("no-nines.csv");
        DigitCsv.write(BundledMnist.load().test(), noNines, label -> label != 9);
        CliRun lacking = CliRun.of("train", "--data", noNines.toString(), "--epochs", "1", "--master", "local[2]");
        assertEquals(2, lacking.status(), lacking.err());
        assertTrue(lacking.errorLines().startsWith("dpnet train: error: " + noNines + ": no sample of class 9 of "
                + "the network's 10"), lacking.errorLines());
        assertEquals(1, lacking.errorLines().lines().count());
    }

    /**
     * A resumed run keeps the scaling its checkpoint was trained with and ends with the very model of a run without a
     * stop; asking the resumed run for another scaling is refused.
     */
    @Test
    void resumingKeepsTheCheckpointsScaling() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        Path resumed = dir.resolve("resumed.model");
        Path straight = dir.resolve("straight.model");
        String[] common = {"train", "--data", rawTest.toString(), "--scaling", "standardize", "--master", "local[2]"};
        CliRun first = CliRun.of(concat(common, "--epochs", "1", "--partitions", "3", "--checkpoint-dir",
                checkpoints.toString()));
        assertEquals(0, first.status(), first.err());
        CliRun other = CliRun.of("train", "--data", rawTest.toString(), "--scaling", "min-max", "--master",
                "local[2]", "--epochs", "2", "--checkpoint-dir", checkpoints.toString(), "--resume");
        assertEquals(2, other.status(), other.err());
        assertTrue(other.errorLines().contains("scaling standardize, this run has min-max"), other.errorLines());
        CliRun second = CliRun.of(concat(common, "--epochs", "2", "--partitions", "3", "--checkpoint-dir",
                checkpoints.toString(), "--resume", "--model-out", resumed.toString()));
        assertEquals(0, second.status(), second.err());
        assertTrue(second.out().contains("resuming at step"), second.out());
        CliRun whole = CliRun.of(concat(common, "--epochs", "2", "--partitions", "3", "--model-out",
                straight.toString()));
        assertEquals(0, whole.status(), whole.err());
        Model a = ModelFile.load(resumed.toString(), new Configuration());
        Model b = ModelFile.load(straight.toString(), new Configuration());
        assertEquals(b.spec().describe(), a.spec().describe(), "the same fitted scaling");
        assertTrue(a.spec().scaling().orElseThrow().perFeature());
        assertArrayEquals(b.params(), a.params());
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
