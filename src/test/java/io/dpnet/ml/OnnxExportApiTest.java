package io.dpnet.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.dpnet.data.BundledMnist;
import io.dpnet.data.DataBlock;
import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.nn.Shape;
import io.dpnet.nn.init.Initializer;
import io.dpnet.nn.layer.Dense;
import io.dpnet.nn.layer.Relu;
import io.dpnet.nn.loss.Loss;
import io.dpnet.onnx.OnnxExport;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark ML model's export: in ONNX Runtime it predicts as {@code predict} does and gives the {@code probability}
 * column's values, on every bundled test digit; {@code exportOnnx} writes the same bytes, replacing only when asked.
 */
class OnnxExportApiTest {
    @TempDir
    Path dir;

    private static NeuralNetClassificationModel model() {
        NetworkSpec spec = new NetworkSpec(Shape.of(784), List.of(new Dense(32), new Relu(), new Dense(10)),
                Loss.SOFTMAX_CROSS_ENTROPY);
        return NeuralNetClassificationModel.of(new Model(spec, spec.initialParams(Initializer.HE, 9),
                Precision.FLOAT64));
    }

    @Test
    void predictsAsTheModelDoes() throws IOException, OrtException {
        NeuralNetClassificationModel model = model();
        DataBlock test = BundledMnist.load().test();
        int n = test.size();
        float[] input = new float[n * 784];
        double[] row = new double[784];
        double[][] rows = new double[n][];
        for (int j = 0; j < n; j++) {
            test.copyFeatures(j, row, 0);
            rows[j] = new double[784];
            for (int i = 0; i < 784; i++) {
                input[j * 784 + i] = (float) row[i];
                rows[j][i] = (float) row[i];
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model.toOnnx(), new OrtSession.SessionOptions());
             OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {n, 784});
             OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, tensor))) {
            float[][] probabilities = (float[][]) result.get(OnnxExport.PROBABILITIES).orElseThrow().getValue();
            long[] classes = (long[]) result.get(OnnxExport.CLASS).orElseThrow().getValue();
            for (int j = 0; j < n; j++) {
                Vector features = Vectors.dense(rows[j]);
                assertEquals(model.predict(features), (double) classes[j], "class of digit " + j);
                double[] expected = model.predictProbability(features).toArray();
                for (int c = 0; c < 10; c++) {
                    assertEquals(expected[c], probabilities[j][c], 1e-5, "probability of " + c + ", digit " + j);
                }
            }
        }
    }

    @Test
    void exportsToAFile() throws IOException {
        NeuralNetClassificationModel model = model();
        Path file = dir.resolve("model.onnx");
        model.exportOnnx(file.toString(), false);
        assertArrayEquals(OnnxExport.toBytes(model.toModel()), Files.readAllBytes(file));
        assertThrows(FileAlreadyExistsException.class, () -> model.exportOnnx(file.toString(), false));
        model.exportOnnx(file.toString(), true);
        assertArrayEquals(model.toOnnx(), Files.readAllBytes(file));
    }
}
