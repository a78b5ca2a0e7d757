package io.dpnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dpnet.data.BundledMnist;
import io.dpnet.data.MnistData;
import io.dpnet.model.ModelFile;
import io.dpnet.nn.Model;
import io.dpnet.nn.Precision;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end on the bundled digits, through a real local Spark context. */
class TrainEvaluatePredictTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** --precision float64 trains, reports and saves in float64 (a version 1 model file); summary says which. */
    @Test
    void float64OnRequest() throws Exception {
        Path model = dir.resolve("f64.model");
        Path metrics = dir.resolve("f64.json");
        CliRun train = CliRun.of("train", "--epochs", "1", "--master", "local[2]", "--precision", "float64",
                "--model-out", model.toString(), "--metrics-out", metrics.toString());
        assertEquals(0, train.status(), train.err());
        assertTrue(train.out().contains("gradient averaging, float64"), train.out());
        assertEquals("float64", JSON.readTree(metrics.toFile()).get("precision").asText());
        Model saved = ModelFile.load(model.toString(), new Configuration());
        assertEquals(Precision.FLOAT64, saved.precision());
        assertEquals(1, ByteBuffer.wrap(Files.readAllBytes(model), 8, 4).getInt(), "format version");
        CliRun summary = CliRun.of("summary", "--model", model.toString());
        assertEquals(0, summary.status(), summary.err());
        assertTrue(summary.out().contains("(0.88 MB as float64)"), summary.out());
        CliRun bad = CliRun.of("train", "--precision", "float16");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("precision must be float32 or float64, got 'float16'"), bad.err());
    }

    @Test
    void trainSaveEvaluateAndPredict() throws Exception {
        Path model = dir.resolve("digits.model");
        Path trainMetrics = dir.resolve("train.json");
        Path curves = dir.resolve("curves.png");
        CliRun train = CliRun.of("train", "--epochs", "3", "--master", "local[2]", "--partitions", "3",
                "--model-out", model.toUri().toString(), "--metrics-out", trainMetrics.toString(),
                "--plot", curves.toString());
        assertEquals(0, train.status(), train.err());
        assertEquals(3, train.out().lines().filter(l -> l.startsWith("epoch ")).count(), train.out());
        assertTrue(train.out().contains("samples/s") && train.out().contains("ETA"), train.out());
        assertIsChart(curves);

        JsonNode metrics = JSON.readTree(trainMetrics.toFile());
        for (String key : List.of("test_accuracy", "test_loss", "train_seconds", "epochs", "train_samples",
                "samples_per_second", "history")) {
            assertTrue(metrics.has(key), "metrics lack " + key + ": " + metrics);
        }
        assertEquals(3, metrics.get("epochs").asInt());
        assertEquals("float32", metrics.get("precision").asText(), "the default precision");
        assertEquals(BundledMnist.TRAIN_SIZE, metrics.get("train_samples").asInt());
        double accuracy = metrics.get("test_accuracy").asDouble();
        assertTrue(accuracy > 0.88, "test accuracy after 3 epochs: " + accuracy);
        JsonNode history = metrics.get("history");
        assertEquals(3, history.size());
        double previous = 0;
        for (JsonNode epoch : history) {
            for (String key : List.of("epoch", "elapsed_seconds", "loss", "test_accuracy")) {
                assertTrue(epoch.has(key), "history entry lacks " + key);
            }
            assertTrue(epoch.get("elapsed_seconds").asDouble() > previous, "elapsed time grows");
            previous = epoch.get("elapsed_seconds").asDouble();
        }
        assertTrue(history.get(2).get("loss").asDouble() < history.get(0).get("loss").asDouble(), "loss falls");

        Path evalMetrics = dir.resolve("eval.json");
        Path confusion = dir.resolve("confusion.png");
        CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--master", "local[2]",
                "--metrics-out", evalMetrics.toString(), "--plot", confusion.toString());
        assertEquals(0, evaluate.status(), evaluate.err());
        assertIsChart(confusion);
        assertTrue(evaluate.out().contains("confusion matrix"), evaluate.out());
        JsonNode eval = JSON.readTree(evalMetrics.toFile());
        // The saved model is the trained one: the same test figures, whatever the partitioning.
        assertEquals(accuracy, eval.get("test_accuracy").asDouble(), 1e-12);
        assertEquals(metrics.get("test_loss").asDouble(), eval.get("test_loss").asDouble(), 1e-12);
        long diagonal = 0;
        for (int i = 0; i < 10; i++) {
            diagonal += eval.get("confusion_matrix").get(i).get(i).asLong();
        }
        assertEquals(Math.round(accuracy * BundledMnist.TEST_SIZE), diagonal);

        Path predictions = dir.resolve("predictions.txt");
        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--master", "local[2]",
                "--out", predictions.toString());
        assertEquals(0, predict.status(), predict.err());
        List<String> lines = Files.readAllLines(predictions, StandardCharsets.UTF_8);
        assertEquals("key,prediction", lines.get(0));
        assertEquals(BundledMnist.TEST_SIZE + 1, lines.size());
        MnistData digits = BundledMnist.load();
        int correct = 0;
        for (int i = 0; i < BundledMnist.TEST_SIZE; i++) {
            String[] row = lines.get(i + 1).split(",");
            assertEquals(Integer.toString(i), row[0]);
            correct += Integer.parseInt(row[1]) == digits.test().label(i) ? 1 : 0;
        }
        assertEquals(diagonal, correct, "predictions are in input order and agree with evaluate");
    }

    /** A PNG image of the charts' size that is not blank: several colours in it. */
    private static void assertIsChart(Path png) throws java.io.IOException {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertTrue(image != null, png + " is not an image");
        assertEquals(900, image.getWidth());
        assertEquals(700, image.getHeight());
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 5, png + " holds only " + colours.size() + " colours");
    }

    @Test
    void summaryListsEveryLayerWithItsParameters() {
        CliRun run = CliRun.of("summary");
        assertEquals(0, run.status(), run.err());
        // The default recipe: 784 inputs, dense 128, 64 and 10, each with weights and biases.
        int first = 784 * 128 + 128;
        int second = 128 * 64 + 64;
        int third = 64 * 10 + 10;
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(2).matches("\\s*1\\s+dense\\s+\\[128\\]\\s+" + String.format("%,d", first) + ".*"),
                run.out());
        assertTrue(lines.get(5).matches("\\s*4\\s+relu\\s+\\[64\\]\\s+0"), run.out());
        assertTrue(run.out().contains(String.format("total %,d parameters", first + second + third)), run.out());

        CliRun both = CliRun.of("summary", "--config", "a.conf", "--model", "b.model");
        assertEquals(2, both.status(), both.err());
    }

    /**
     * A learning rate of 30 makes the default recipe's loss explode within its first steps: the run stops there with
     * status 3, the loss in a compact form, instead of printing losses of dozens of digits until they become NaN.
     */
    @Test
    void anExplodingLossStopsTheRunAtOnceWithStatus3() throws Exception {
        Path config = Files.writeString(dir.resolve("hot.conf"), "training { optimizer { learning-rate = 30 } }");
        CliRun run = CliRun.of("train", "--config", config.toString(), "--epochs", "3", "--master", "local[2]");
        assertEquals(3, run.status(), run.err());
        assertTrue(run.errorLines().contains("times the first step's"), run.err());
        assertTrue(run.errorLines().matches("(?s).*the loss is \\d\\.\\d\\de\\+\\d+,.*"), run.err());
        assertTrue(run.errorLines().contains("(epoch 1)"), run.err());
        assertFalse(run.out().contains("epoch 2/3"), run.out());
    }

    @Test
    void divergenceStopsWithStatus3AndKeepsTheEarlierModel() throws Exception {
        Path model = dir.resolve("earlier.model");
        byte[] earlier = "an earlier model".getBytes(StandardCharsets.UTF_8);
        Files.write(model, earlier);
        Path config = Files.writeString(dir.resolve("hot.conf"),
                "training { optimizer { learning-rate = 1e6, momentum = 0.9 } }");
        CliRun run = CliRun.of("train", "--config", config.toString(), "--epochs", "2", "--master", "local[2]",
                "--model-out", model.toString());
        assertEquals(3, run.status(), run.err());
        assertTrue(run.errorLines().contains("at step"), run.err());
        assertTrue(run.errorLines().contains("lower learning rate"), run.err());
        assertArrayEquals(earlier, Files.readAllBytes(model));
    }
}
