package io.dpnet.nn.f32;

import io.dpnet.nn.BatchContext;

/**
 * A layer bound to its input shape, computing over a whole mini-batch at once. Matrices are column-major with one
 * column per sample: {@code x} is [inputSize x n], {@code y} is [outputSize x n]. The layer reads its parameters from
 * {@code params[offset..]}, the slice of the network's one flat vector that {@code NetworkSpec} assigned to it.
 */
public interface Layer {

    /**
     * y = f(x) over {@code n} columns. {@code batch} says whether the network is training and gives each column's
     * sample key. A bound layer belongs to one thread, so it may keep what its backward pass needs (an im2col matrix,
     * argmax indices, a dropout mask) from this call.
     */
    void forward(float[] params, int offset, float[] x, float[] y, int n, BatchContext batch);

    /**
     * Given dLoss/dy, <em>adds</em> dLoss/dparams into {@code grad[offset..]} (so gradients accumulate across calls
     * until the caller zeroes them) and writes dLoss/dx into {@code dx} unless it is null (the first layer has no
     * use for it). It follows the forward pass of the same batch, with the same {@code x} and {@code y}.
     */
    void backward(float[] params, int offset, float[] x, float[] y, float[] dy, float[] dx, float[] grad, int n);
}
