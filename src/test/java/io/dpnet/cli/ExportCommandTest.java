package io.dpnet.cli;

import static io.dpnet.cli.BadInputTest.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.dpnet.data.BundledMnist;
import io.dpnet.data.DataBlock;
import io.dpnet.model.HandWritten;
import io.dpnet.model.ModelFile;
import io.dpnet.nn.layer.Scale;
import io.dpnet.onnx.OnnxExport;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * export through the command line: a model trained by {@code train} and exported runs in ONNX Runtime to what
 * {@code predict --probabilities} writes for the same digits; bad inputs end in one line and exit status 2.
 */
class ExportCommandTest {
    private static final byte[] MODEL_MAGIC = "DPNETMDL".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path dir;
    /** The default MLP after one epoch on the bundled digits, standardized per pixel by its first layer. */
    private static Path model;

    @BeforeAll
    static void train() {
        model = dir.resolve("digits.model");
        CliRun train = CliRun.of("train", "--epochs", "1", "--master", "local[2]", "--scaling", "standardize",
                "--model-out", model.toString());
        assertEquals(0, train.status(), train.err());
    }

    @Test
    void exportedModelPredictsAsPredictDoes() throws IOException, OrtException {
        assertTrue(ModelFile.load(model.toString(), new Configuration()).spec().scaling()
                .map(Scale::perFeature).orElse(false), "the model scales each pixel itself");
        Path onnx = dir.resolve("digits.onnx");
        CliRun export = CliRun.of("export", "--model", model.toString(), "--out", onnx.toString());
        assertEquals(0, export.status(), export.err());
        assertTrue(export.out().contains("probabilities float32 [N, 10]"), export.out());
        Path csv = dir.resolve("predictions.csv");
        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--out", csv.toString(),
                "--probabilities", "--master", "local[2]");
        assertEquals(0, predict.status(), predict.err());
        List<String> lines = Files.readAllLines(csv);

        DataBlock test = BundledMnist.load().test();
        int n = test.size();
        assertEquals(n + 1, lines.size());
        double[] x = new double[n * test.featureCount()];
        test.gather(0, n, x, new int[n]);
        float[] input = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            input[i] = (float) x[i];
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
             OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {n, 784});
             OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, tensor))) {
            float[][] probabilities = (float[][]) result.get(OnnxExport.PROBABILITIES).orElseThrow().getValue();
            long[] classes = (long[]) result.get(OnnxExport.CLASS).orElseThrow().getValue();
            int correct = 0;
            for (int j = 0; j < n; j++) {
                String[] fields = lines.get(j + 1).split(",");
                assertEquals(String.valueOf(j), fields[0]);
                assertEquals(Long.parseLong(fields[1]), classes[j], "class of row " + j);
                for (int c = 0; c < 10; c++) {
                    assertEquals(Double.parseDouble(fields[2 + c]), probabilities[j][c], 1e-5,
                            "probability of class " + c + " in row " + j);
                }
                correct += classes[j] == test.label(j) ? 1 : 0;
            }
            assertTrue(correct > 0.8 * n, "a trained model: " + correct + " of " + n + " right");
        }
    }

    @Test
    void refusesToReplaceAFileUnlessAsked() throws IOException {
        Path taken = Files.writeString(dir.resolve("taken.onnx"), "keep me");
        assertBadInput(CliRun.of("export", "--model", model.toString(), "--out", taken.toString()),
                taken.toString(), "already exists", "--overwrite");
        assertEquals("keep me", Files.readString(taken));
        CliRun replaced = CliRun.of("export", "--model", model.toString(), "--out", taken.toString(),
                "--overwrite");
        assertEquals(0, replaced.status(), replaced.err());
        assertArrayEquals(OnnxExport.toBytes(ModelFile.load(model.toString(), new Configuration())),
                Files.readAllBytes(taken));
    }

    @Test
    void refusesADirectoryEvenWithOverwrite() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("folder.onnx"));
        assertBadInput(CliRun.of("export", "--model", model.toString(), "--out", folder.toString()),
                folder.toString(), "is a directory");
        assertBadInput(CliRun.of("export", "--model", model.toString(), "--out", folder.toString(), "--overwrite"),
                folder.toString(), "is a directory");
    }

    @Test
    void fileThatIsNotAModel() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a model at all\n");
        assertBadInput(CliRun.of("export", "--model", text.toString(), "--out", dir.resolve("a.onnx").toString()),
                text.toString());
        assertBadInput(CliRun.of("export", "--model", dir.resolve("absent.model").toString(), "--out",
                dir.resolve("b.onnx").toString()), "absent.model", "does not exist");
    }

    /** What a later dpnet might write: a layer type this build does not know, or a newer format version. */
    @Test
    void modelOfAFutureVersion() throws IOException {
        String header = "{\"format\":\"dpnet-model\",\"version\":2,\"network\":{\"input\":[4],\"layers\":["
                + "{\"type\":\"attention\",\"heads\":2},{\"type\":\"dense\",\"units\":2}],"
                + "\"loss\":\"softmax_cross_entropy\"},\"param_count\":10,\"precision\":\"float32\"}";
        Path unknownLayer = Files.write(dir.resolve("attention.model"),
                HandWritten.container(MODEL_MAGIC, 2, header, 4, new double[10]));
        Path out = dir.resolve("future.onnx");
        assertBadInput(CliRun.of("export", "--model", unknownLayer.toString(), "--out", out.toString()),
                unknownLayer.toString(), "unknown layer type 'attention'");
        Path newerFormat = Files.write(dir.resolve("v3.model"),
                HandWritten.container(MODEL_MAGIC, 3, header.replace("\"version\":2", "\"version\":3"), 4,
                        new double[10]));
        assertBadInput(CliRun.of("export", "--model", newerFormat.toString(), "--out", out.toString()),
                newerFormat.toString(), "version 3");
        assertTrue(Files.notExists(out));
    }
}
