package io.dpnet.nn;

/**
 * A network bound to buffers for computing over mini-batches, in one {@link Precision}, behind one interface with
 * {@code double[]} parameters, inputs and gradients, whatever the precision inside (see {@link Precision}). Made by
 * {@link NetworkSpec#newNetwork(Precision)}; not thread-safe: one per thread.
 */
public interface Network {

    NetworkSpec spec();

    Precision precision();

    /**
     * Forward and backward over a mini-batch: <em>adds</em> the gradient of the summed loss into {@code grad} and
     * returns the summed loss. {@code x} is [inputSize x n] column-major; labels are class indices.
     *
     * @param correct if not null, {@code correct[0]} is increased by the number of samples classified correctly
     * @param sampleKeys one key per sample column (at least {@code n}), or null for the column indices. Random
     *     layers (dropout) draw from (the layer's position, the key, the unit) only, so a key that names the sample
     *     and the epoch, such as {@link SampleKeys#of}, makes the gradient independent of how the data is split
     */
    double gradient(double[] params, double[] x, int[] labels, int n, double[] grad, long[] correct,
                    long[] sampleKeys);

    /**
     * {@link #gradient(double[], double[], int[], int, double[], long[], long[])} with each sample's key equal to its
     * column index: deterministic, but a dropout layer then draws the same mask for column j of every batch.
     */
    default double gradient(double[] params, double[] x, int[] labels, int n, double[] grad, long[] correct) {
        return gradient(params, x, labels, n, grad, correct, null);
    }

    /** Summed loss over a batch and, unless {@code predictions} is null, each sample's class: one forward pass. */
    double evaluate(double[] params, double[] x, int[] labels, int n, int[] predictions);

    /** Summed loss over a batch, without gradients. */
    default double loss(double[] params, double[] x, int[] labels, int n) {
        return evaluate(params, x, labels, n, null);
    }

    /** The full network's output, [outputSize x n], in a buffer that the next call may overwrite. */
    double[] output(double[] params, double[] x, int n);

    /** Predicted class of each of the {@code n} samples into {@code predictions}. */
    void predict(double[] params, double[] x, int n, int[] predictions);

    /**
     * Promises that {@code params} (this very array) will not change while this network computes with it, as a trained
     * model's weights do: a float32 network then narrows them once rather than at every call.
     */
    default void fix(double[] params) {
    }

    /** An input buffer for {@code n} samples, reused between calls, for callers that gather batches. */
    double[] inputBuffer(int n);

    /** A label buffer of at least {@code n} entries, reused between calls. */
    int[] labelBuffer(int n);

    /** A sample-key buffer of at least {@code n} entries, reused between calls. */
    long[] keyBuffer(int n);
}
