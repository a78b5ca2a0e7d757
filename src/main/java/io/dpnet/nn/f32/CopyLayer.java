package io.dpnet.nn.f32;

import io.dpnet.nn.BatchContext;

/**
 * A bound {@code Flatten}: the values stay in place, only the shape changes. A network owns one buffer per layer, so
 * they are copied, which is cheap next to the layers around it.
 */
final class CopyLayer implements Layer {
    private final int size;

    CopyLayer(int size) {
        this.size = size;
    }

    @Override
    public void forward(float[] params, int offset, float[] x, float[] y, int n, BatchContext batch) {
        System.arraycopy(x, 0, y, 0, size * n);
    }

    @Override
    public void backward(float[] params, int offset, float[] x, float[] y, float[] dy, float[] dx, float[] grad,
                         int n) {
        if (dx != null) {
            System.arraycopy(dy, 0, dx, 0, size * n);
        }
    }
}
