package io.dpnet.nn.f32;

import io.dpnet.nn.BatchContext;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.loss.Loss;

/**
 * A network bound to float32 buffers for computing over mini-batches: activations and deltas for every layer, sized
 * for the largest batch seen so far and reused, so a warm engine allocates nothing per step. Not thread-safe: one per
 * thread. Callers outside this package go through {@code io.dpnet.nn.Network}.
 */
public final class Engine {
    private final NetworkSpec spec;
    private final Layer[] layers;
    private final int[] sizes;
    private final int[] offsets;
    private final BatchContext batch = BatchContext.of(false, null);
    private final float[][] activations;
    private final float[][] deltas;
    private float[] inputBuffer = new float[0];
    private int capacity;

    public Engine(NetworkSpec spec) {
        this.spec = spec;
        int depth = spec.layers().size();
        this.layers = new Layer[depth];
        this.sizes = new int[depth + 1];
        this.offsets = new int[depth];
        for (int k = 0; k < depth; k++) {
            layers[k] = Layers.bind(spec.layers().get(k), spec.shape(k), k);
            offsets[k] = spec.offset(k);
        }
        for (int k = 0; k <= depth; k++) {
            sizes[k] = spec.shape(k).size();
        }
        this.activations = new float[depth + 1][];
        this.deltas = new float[depth + 1][];
    }

    /** The bound layers, in order, e.g. for a profile. */
    public Layer layer(int k) {
        return layers[k];
    }

    private void ensureCapacity(int n) {
        if (n <= capacity) {
            return;
        }
        int cap = Math.max(n, capacity + capacity / 2);
        for (int k = 1; k < activations.length; k++) {
            activations[k] = new float[sizes[k] * cap];
            deltas[k] = new float[sizes[k] * cap];
        }
        capacity = cap;
    }

    private float[] forward(float[] params, float[] x, int n, int depth, boolean training, long[] sampleKeys) {
        if (params.length != spec.paramCount()) {
            throw new IllegalArgumentException("the network has " + spec.paramCount() + " parameters but "
                    + params.length + " were given");
        }
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
            layers[k].forward(params, offsets[k], activations[k], activations[k + 1], n, batch);
        }
        return activations[depth];
    }

    /**
     * Forward and backward over a mini-batch: <em>adds</em> the gradient of the summed loss into {@code grad} and
     * returns the summed loss. {@code x} is [inputSize x n] column-major; labels are class indices.
     *
     * @param correct if not null, {@code correct[0]} is increased by the number of samples classified correctly
     * @param sampleKeys one key per sample column (at least {@code n}), or null for the column indices
     */
    public double gradient(float[] params, float[] x, int[] labels, int n, float[] grad, long[] correct,
                           long[] sampleKeys) {
        if (grad.length < spec.paramCount()) {
            throw new IllegalArgumentException("gradient vector holds " + grad.length + " values, the network has "
                    + spec.paramCount() + " parameters");
        }
        int depth = spec.trainingDepth();
        float[] out = forward(params, x, n, depth, true, sampleKeys);
        double loss = Losses.lossAndGradient(spec.loss(), out, labels, sizes[depth], n, deltas[depth]);
        if (correct != null) {
            for (int j = 0; j < n; j++) {
                if (classOf(out, j * sizes[depth], sizes[depth]) == labels[j]) {
                    correct[0]++;
                }
            }
        }
        // Layers before the first one with parameters (a fixed input scaling) need no backward pass.
        int first = spec.firstTrainedLayer();
        for (int k = depth - 1; k >= first; k--) {
            float[] dx = k == first ? null : deltas[k];
            layers[k].backward(params, offsets[k], activations[k], activations[k + 1], deltas[k + 1], dx, grad, n);
        }
        return loss;
    }

    /** Summed loss over a batch and, unless {@code predictions} is null, each sample's class: one forward pass. */
    public double evaluate(float[] params, float[] x, int[] labels, int n, int[] predictions) {
        int depth = spec.trainingDepth();
        float[] out = forward(params, x, n, depth, false, null);
        if (predictions != null) {
            classes(out, sizes[depth], n, predictions);
        }
        return Losses.lossAndGradient(spec.loss(), out, labels, sizes[depth], n, null);
    }

    /** The full network's output, [outputSize x n], in a buffer that the next call overwrites. */
    public float[] output(float[] params, float[] x, int n) {
        return forward(params, x, n, layers.length, false, null);
    }

    /** Predicted class of each of the {@code n} samples into {@code predictions}. */
    public void predict(float[] params, float[] x, int n, int[] predictions) {
        int depth = spec.trainingDepth();
        classes(forward(params, x, n, depth, false, null), sizes[depth], n, predictions);
    }

    private void classes(float[] out, int width, int n, int[] predictions) {
        for (int j = 0; j < n; j++) {
            predictions[j] = classOf(out, j * width, width);
        }
    }

    /**
     * The class a column of scores stands for: the largest unit or, for a single unit, whether it passes the midpoint
     * between the targets 0 and 1: 0.5 for an output trained by MSE, 0 for logits under binary cross-entropy.
     */
    private int classOf(float[] out, int off, int width) {
        if (width == 1) {
            float threshold = spec.loss() == Loss.MSE ? 0.5f : 0.0f;
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
    public float[] inputBuffer(int n) {
        if (inputBuffer.length < (long) sizes[0] * n) {
            inputBuffer = new float[sizes[0] * Math.max(n, capacity)];
        }
        return inputBuffer;
    }
}
