package io.dpnet.nn;

import io.dpnet.nn.loss.Loss;

/**
 * A network bound to buffers for computing over mini-batches: activations and deltas for every layer, sized for the
 * largest batch seen so far and reused, so a warm network allocates nothing per step. Not thread-safe: one per thread.
 */
public final class Network {
    private final NetworkSpec spec;
    private final Layer[] layers;
    private final int[] sizes;
    private final BatchContext batch = new BatchContext();
    private double[][] activations;
    private double[][] deltas;
    private double[] inputBuffer = new double[0];
    private int[] labelBuffer = new int[0];
    private long[] keyBuffer = new long[0];
    private int capacity;

    Network(NetworkSpec spec) {
        this.spec = spec;
        int depth = spec.layers().size();
        this.layers = new Layer[depth];
        this.sizes = new int[depth + 1];
        for (int k = 0; k < depth; k++) {
            layers[k] = spec.layers().get(k).bind(spec.shape(k), k);
        }
        for (int k = 0; k <= depth; k++) {
            sizes[k] = spec.shape(k).size();
        }
        this.activations = new double[depth + 1][];
        this.deltas = new double[depth + 1][];
    }

    public NetworkSpec spec() {
        return spec;
    }

    private void ensureCapacity(int n) {
        if (n <= capacity) {
            return;
        }
        int cap = Math.max(n, capacity + capacity / 2);
        for (int k = 1; k < activations.length; k++) {
            activations[k] = new double[sizes[k] * cap];
            deltas[k] = new double[sizes[k] * cap];
        }
        capacity = cap;
    }

    private double[] forward(double[] params, double[] x, int n, int depth, boolean training, long[] sampleKeys) {
        spec.checkParams(params);
        if (x.length < (long) sizes[0] * n) {
            throw new IllegalArgumentException("batch of " + n + " samples needs " + (long) sizes[0] * n
                    + " input values, got " + x.length);
        }
        if (sampleKeys != null && sampleKeys.length < n) {
            throw new IllegalArgumentException("batch of " + n + " samples needs " + n + " sample keys, got "
                    + sampleKeys.length);
        }
        ensureCapacity(n);
        batch.set(training, sampleKeys);
        activations[0] = x;
        for (int k = 0; k < depth; k++) {
            layers[k].forward(params, spec.offset(k), activations[k], activations[k + 1], n, batch);
        }
        return activations[depth];
    }

    /**
     * {@link #gradient(double[], double[], int[], int, double[], long[], long[])} with each sample's key equal to its
     * column index: deterministic, but a dropout layer then draws the same mask for column j of every batch.
     * Callers that train with dropout should pass keys.
     */
    public double gradient(double[] params, double[] x, int[] labels, int n, double[] grad, long[] correct) {
        return gradient(params, x, labels, n, grad, correct, null);
    }

    /**
     * Forward and backward over a mini-batch: <em>adds</em> the gradient of the summed loss into {@code grad} and
     * returns the summed loss. {@code x} is [inputSize x n] column-major; labels are class indices.
     *
     * @param correct if not null, {@code correct[0]} is increased by the number of samples classified correctly
     * @param sampleKeys one key per sample column (at least {@code n}), or null for the column indices. Random
     *     layers (dropout) draw from (the layer's position, the key, the unit) only, so a key that names the sample
     *     and the epoch, such as {@link SampleKeys#of}, makes the gradient independent of how the data is split
     */
    public double gradient(double[] params, double[] x, int[] labels, int n, double[] grad, long[] correct,
                           long[] sampleKeys) {
        if (grad.length < spec.paramCount()) {
            throw new IllegalArgumentException("gradient vector holds " + grad.length + " values, the network has "
                    + spec.paramCount() + " parameters");
        }
        int depth = spec.trainingDepth();
        double[] out = forward(params, x, n, depth, true, sampleKeys);
        double loss = spec.loss().lossAndGradient(out, labels, sizes[depth], n, deltas[depth]);
        if (correct != null) {
            correct[0] += countCorrect(out, labels, sizes[depth], n);
        }
        for (int k = depth - 1; k >= 0; k--) {
            double[] dx = k == 0 ? null : deltas[k];
            layers[k].backward(params, spec.offset(k), activations[k], activations[k + 1], deltas[k + 1], dx, grad,
                    n);
        }
        return loss;
    }

    /** Summed loss over a batch, without gradients. */
    public double loss(double[] params, double[] x, int[] labels, int n) {
        return evaluate(params, x, labels, n, null);
    }

    /** Summed loss over a batch and, unless {@code predictions} is null, each sample's class: one forward pass. */
    public double evaluate(double[] params, double[] x, int[] labels, int n, int[] predictions) {
        int depth = spec.trainingDepth();
        double[] out = forward(params, x, n, depth, false, null);
        if (predictions != null) {
            for (int j = 0; j < n; j++) {
                predictions[j] = classOf(out, j * sizes[depth], sizes[depth]);
            }
        }
        return spec.loss().lossAndGradient(out, labels, sizes[depth], n, null);
    }

    /**
     * Scores for a batch: the full network's output, [outputSize x n], in a buffer that the next call overwrites.
     */
    public double[] output(double[] params, double[] x, int n) {
        return forward(params, x, n, layers.length, false, null);
    }

    /** Predicted class of each of the {@code n} samples into {@code predictions}. */
    public void predict(double[] params, double[] x, int n, int[] predictions) {
        int depth = spec.trainingDepth();
        double[] out = forward(params, x, n, depth, false, null);
        for (int j = 0; j < n; j++) {
            predictions[j] = classOf(out, j * sizes[depth], sizes[depth]);
        }
    }

    private long countCorrect(double[] out, int[] labels, int width, int n) {
        long c = 0;
        for (int j = 0; j < n; j++) {
            if (classOf(out, j * width, width) == labels[j]) {
                c++;
            }
        }
        return c;
    }

    /**
     * The class a column of scores stands for: the largest unit or, for a single unit, whether it passes the midpoint
     * between the targets 0 and 1: 0.5 for an output trained by MSE, 0 for logits under binary cross-entropy.
     */
    private int classOf(double[] out, int off, int width) {
        if (width == 1) {
            double threshold = spec.loss() == Loss.MSE ? 0.5 : 0.0;
            return out[off] > threshold ? 1 : 0;
        }
        int best = 0;
        for (int i = 1; i < width; i++) {
            if (out[off + i] > out[off + best]) {
                best = i;
            }
        }
        return best;
    }

    /** An input buffer for {@code n} samples, reused between calls, for callers that gather batches. */
    public double[] inputBuffer(int n) {
        if (inputBuffer.length < (long) sizes[0] * n) {
            inputBuffer = new double[sizes[0] * Math.max(n, capacity)];
        }
        return inputBuffer;
    }

    /** A label buffer of at least {@code n} entries, reused between calls, for callers that gather batches. */
    public int[] labelBuffer(int n) {
        if (labelBuffer.length < n) {
            labelBuffer = new int[Math.max(n, capacity)];
        }
        return labelBuffer;
    }

    /** A sample-key buffer of at least {@code n} entries, reused between calls, for callers that gather batches. */
    public long[] keyBuffer(int n) {
        if (keyBuffer.length < n) {
            keyBuffer = new long[Math.max(n, capacity)];
        }
        return keyBuffer;
    }
}
