package io.dpnet.nn;

/** The input, label and key buffers a {@link Network} lends to callers that gather batches, grown as needed. */
final class GatherBuffers {
    private final int inputSize;
    private double[] inputs = new double[0];
    private int[] labels = new int[0];
    private long[] keys = new long[0];

    GatherBuffers(int inputSize) {
        this.inputSize = inputSize;
    }

    double[] inputs(int n) {
        if (inputs.length < (long) inputSize * n) {
            inputs = new double[Math.multiplyExact(inputSize, n)];
        }
        return inputs;
    }

    int[] labels(int n) {
        if (labels.length < n) {
            labels = new int[n];
        }
        return labels;
    }

    long[] keys(int n) {
        if (keys.length < n) {
            keys = new long[n];
        }
        return keys;
    }
}
