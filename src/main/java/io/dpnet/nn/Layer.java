package io.dpnet.nn;

/**
 * A layer bound to its input shape, computing over a whole mini-batch at once. Matrices are column-major with one
 * column per sample: {@code x} is [inputSize x n], {@code y} is [outputSize x n]. The layer reads its parameters from
 * {@code params[offset..]}, the slice of the network's one flat vector that {@link NetworkSpec} assigned to it.
 */
public interface Layer {

    void forward(double[] params, int offset, double[] x, double[] y, int n, boolean training);

    /**
     * Given dLoss/dy, <em>adds</em> dLoss/dparams into {@code grad[offset..]} (so gradients accumulate across calls
     * until the caller zeroes them) and writes dLoss/dx into {@code dx} unless it is null (the first layer has no
     * use for it).
     */
    void backward(double[] params, int offset, double[] x, double[] y, double[] dy, double[] dx, double[] grad, int n);
}
