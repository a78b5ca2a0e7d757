package io.dpnet.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.dpnet.nn.Shape;
import java.nio.FloatBuffer;
import java.util.Map;

/** An exported model run in ONNX Runtime: the two outputs for a batch of samples. */
record OrtRun(float[][] probabilities, long[] classes) {

    /** Runs {@code onnx} on {@code n} samples of {@code shape}, laid out one after another in {@code x}. */
    static OrtRun of(byte[] onnx, float[] x, int n, Shape shape) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] dims = new long[shape.rank() + 1];
        dims[0] = n;
        for (int i = 0; i < shape.rank(); i++) {
            dims[i + 1] = shape.dim(i);
        }
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), dims);
             OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
            float[][] probabilities = (float[][]) result.get(OnnxExport.PROBABILITIES).orElseThrow().getValue();
            long[] classes = (long[]) result.get(OnnxExport.CLASS).orElseThrow().getValue();
            return new OrtRun(probabilities, classes);
        }
    }
}
