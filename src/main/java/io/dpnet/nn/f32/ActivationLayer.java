package io.dpnet.nn.f32;

import io.dpnet.nn.BatchContext;

/** A bound activation: no parameters, output shape equal to input shape. */
final class ActivationLayer implements Layer {
    /** The functions {@link Activations} computes. */
    enum Kind { SIGMOID, TANH, RELU, SOFTMAX, IDENTITY }

    private final Kind kind;
    private final int size;

    ActivationLayer(Kind kind, int size) {
        this.kind = kind;
        this.size = size;
    }

    @Override
    public void forward(float[] params, int offset, float[] x, float[] y, int n, BatchContext batch) {
        int len = size * n;
        switch (kind) {
            case SIGMOID -> Activations.sigmoid(x, y, len);
            case TANH -> Activations.tanh(x, y, len);
            case RELU -> Activations.relu(x, y, len);
            case SOFTMAX -> {
                for (int j = 0; j < n; j++) {
                    Activations.softmax(x, y, j * size, size);
                }
            }
            case IDENTITY -> System.arraycopy(x, 0, y, 0, len);
            default -> throw new IllegalStateException("unreachable: " + kind);
        }
    }

    @Override
    public void backward(float[] params, int offset, float[] x, float[] y, float[] dy, float[] dx, float[] grad,
                         int n) {
        if (dx == null) {
            return;
        }
        int len = size * n;
        switch (kind) {
            case SIGMOID -> Activations.sigmoidBackward(y, dy, dx, len);
            case TANH -> Activations.tanhBackward(y, dy, dx, len);
            case RELU -> Activations.reluBackward(x, dy, dx, len);
            case SOFTMAX -> Activations.softmaxBackward(y, dy, dx, size, n);
            case IDENTITY -> System.arraycopy(dy, 0, dx, 0, len);
            default -> throw new IllegalStateException("unreachable: " + kind);
        }
    }
}
