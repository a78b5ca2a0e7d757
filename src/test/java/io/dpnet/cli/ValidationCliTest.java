package io.dpnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dpnet.data.BundledMnist;
import io.dpnet.data.DataBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation sets, early stopping and the collapse guard through the command line, on the bundled digits. */
class ValidationCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * A held-out fifth of the training digits: every epoch is validated, training stops two epochs after the best
     * validation loss (or at the last epoch), and the model holds the best epoch's weights: evaluating the saved model
     * gives that epoch's test accuracy.
     */
    @Test
    void earlyStoppingOnAValidationSplitKeepsTheBestEpoch() throws Exception {
        Path model = dir.resolve("best.model");
        Path metrics = dir.resolve("best.json");
        Path curves = dir.resolve("curves.png");
        int maxEpochs = 25;
        CliRun run = CliRun.of("train", "--validation-split", "0.2", "--early-stop", "2", "--epochs",
                Integer.toString(maxEpochs), "--master", "local[2]", "--model-out", model.toString(), "--metrics-out",
                metrics.toString(), "--plot", curves.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("validation: 2,000 samples (bundled MNIST subset (training), validation split)"),
                run.out());
        assertTrue(run.out().lines().filter(l -> l.startsWith("epoch ")).allMatch(l -> l.contains("validation ")),
                run.out());
        JsonNode m = JSON.readTree(metrics.toFile());
        assertEquals(BundledMnist.TRAIN_SIZE - 2000, m.get("train_samples").asInt());
        JsonNode history = m.get("history");
        int best = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (JsonNode epoch : history) {
            if (epoch.get("validation_loss").asDouble() < bestLoss) {
                bestLoss = epoch.get("validation_loss").asDouble();
                best = epoch.get("epoch").asInt();
            }
        }
        assertEquals(best, m.get("best_epoch").asInt());
        int epochs = m.get("epochs").asInt();
        assertTrue(epochs == best + 2 || epochs == maxEpochs, "stopped after " + epochs + ", best " + best);
        JsonNode bestEpoch = history.get(best - 1);
        assertEquals(bestEpoch.get("test_accuracy").asDouble(), m.get("test_accuracy").asDouble());
        assertEquals(bestLoss, m.get("validation_loss").asDouble());

        Path evalMetrics = dir.resolve("eval.json");
        CliRun eval = CliRun.of("evaluate", "--model", model.toString(), "--master", "local[2]", "--metrics-out",
                evalMetrics.toString());
        assertEquals(0, eval.status(), eval.err());
        assertEquals(bestEpoch.get("test_loss").asDouble(),
                JSON.readTree(evalMetrics.toFile()).get("test_loss").asDouble(), 1e-12);
        assertTrue(Files.size(curves) > 1000);
    }

    @Test
    void aValidationFileIsEvaluatedEveryEpoch() throws IOException {
        DataBlock test = BundledMnist.load().test();
        Path train = dir.resolve("train.csv");
        Path validation = dir.resolve("validation.csv");
        DigitCsv.write(BundledMnist.load().train(), train, label -> true);
        DigitCsv.write(test, validation, label -> true);
        Path metrics = dir.resolve("file.json");
        CliRun run = CliRun.of("train", "--data", train.toString(), "--validation-data", validation.toString(),
                "--epochs", "2", "--master", "local[2]", "--metrics-out", metrics.toString());
        assertEquals(0, run.status(), run.err());
        JsonNode m = JSON.readTree(metrics.toFile());
        assertTrue(m.get("best_epoch").isNull(), "no early stopping asked for");
        double accuracy = m.get("validation_accuracy").asDouble();
        assertTrue(accuracy > 0.85, "validation accuracy " + accuracy + " on raw pixels, scaled as training was");
    }

    @Test
    void badValidationOptionsAreOneLineAndExit2() throws IOException {
        for (String split : List.of("0", "1", "1.5", "-0.2")) {
            CliRun run = CliRun.of("train", "--validation-split", split, "--epochs", "1");
            assertEquals(2, run.status(), run.err());
            assertEquals("dpnet train: error: a validation split must lie strictly between 0 and 1, got "
                    + Double.parseDouble(split) + "\n", run.errorLines());
        }
        CliRun noSet = CliRun.of("train", "--early-stop", "3", "--epochs", "1");
        assertEquals(2, noSet.status());
        assertTrue(noSet.errorLines().contains("--early-stop needs a validation set"), noSet.errorLines());
        CliRun both = CliRun.of("train", "--validation-split", "0.1", "--validation-data", "x.csv");
        assertEquals(2, both.status());
        assertTrue(both.errorLines().contains("not both"), both.errorLines());

        Path narrow = dir.resolve("narrow.csv");
        Files.writeString(narrow, "0,1,2,3\n1,4,5,6\n");
        CliRun wrongWidth = CliRun.of("train", "--validation-data", narrow.toString(), "--epochs", "1",
                "--master", "local[2]");
        assertEquals(2, wrongWidth.status(), wrongWidth.err());
        assertEquals("dpnet train: error: " + narrow + ": data has 3 features but the network takes 784\n",
                wrongWidth.errorLines());
    }

    /** SGD at rate 1 kills the units in the first steps: the run ends at chance, and says so. */
    @Test
    void aRunThatNeverLearntSaysSo() throws IOException {
        Path recipe = Files.writeString(dir.resolve("stuck.conf"), "training { optimizer { learning-rate = 1 } }\n");
        CliRun run = CliRun.of("train", "--config", recipe.toString(), "--epochs", "3", "--master", "local[2]");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("warning: training accuracy ended at "), run.out());
        assertTrue(run.out().contains("the network did not learn"), run.out());
    }

    /**
     * Adam whose rate warms up to 0.2 learns for two epochs, then its accuracy falls back to chance without the loss
     * exploding: the run stops with exit 3, leaving the checkpoint before the collapse as the newest and the model
     * file it was to replace untouched.
     */
    @Test
    void accuracyCollapsingToChanceStopsTheRunWithExit3() throws IOException {
        Path recipe = dir.resolve("collapse.conf");
        Files.writeString(recipe, "training { optimizer { type = adam, learning-rate = 0.2, weight-decay = 0 }, "
                + "schedule { warmup-epochs = 3 } }\n");
        Path model = dir.resolve("earlier.model");
        byte[] earlier = "an earlier model".getBytes();
        Files.write(model, earlier);
        Path checkpoints = dir.resolve("checkpoints");
        CliRun run = CliRun.of("train", "--config", recipe.toString(), "--epochs", "8", "--master", "local[2]",
                "--partitions", "2", "--checkpoint-dir", checkpoints.toString(), "--model-out", model.toString());
        assertEquals(3, run.status(), run.out() + run.err());
        String error = run.errorLines();
        assertTrue(error.matches("dpnet train: error: training accuracy fell to [0-9.]+% in epoch (\\d) \\(chance is "
                + "10.00%\\) after [0-9.]+% in epoch \\d: training collapsed; try a lower learning rate.*\n"), error);
        int collapsed = Integer.parseInt(error.replaceAll("(?s).* in epoch (\\d) \\(chance.*", "$1"));
        List<String> saved;
        try (var files = Files.list(checkpoints)) {
            saved = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        int stepsPerEpoch = (BundledMnist.TRAIN_SIZE + 255) / 256;
        assertEquals(String.format("checkpoint-step-%012d.dpck", (collapsed - 1) * stepsPerEpoch),
                saved.get(saved.size() - 1), "the newest checkpoint is the epoch's before the collapse");
        assertArrayEquals(earlier, Files.readAllBytes(model));
    }
}
