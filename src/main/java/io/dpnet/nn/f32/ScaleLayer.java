package io.dpnet.nn.f32;

import io.dpnet.nn.BatchContext;
import io.dpnet.nn.layer.Scale;

/** A bound {@code Scale}: y = (x - shift) * factor, per feature or for all; dx = dy * factor. */
final class ScaleLayer implements Layer {
    private final int size;
    private final float[] shift;
    private final float[] factor;

    ScaleLayer(Scale spec, int size) {
        this.size = size;
        this.shift = new float[size];
        this.factor = new float[size];
        for (int i = 0; i < size; i++) {
            shift[i] = (float) spec.shift(i);
            factor[i] = (float) spec.factor(i);
        }
    }

    @Override
    public void forward(float[] params, int offset, float[] x, float[] y, int n, BatchContext batch) {
        for (int j = 0, v = 0; j < n; j++) {
            for (int i = 0; i < size; i++, v++) {
                y[v] = (x[v] - shift[i]) * factor[i];
            }
        }
    }

    @Override
    public void backward(float[] params, int offset, float[] x, float[] y, float[] dy, float[] dx, float[] grad,
                         int n) {
        if (dx == null) {
            return;
        }
        for (int j = 0, v = 0; j < n; j++) {
            for (int i = 0; i < size; i++, v++) {
                dx[v] = dy[v] * factor[i];
            }
        }
    }
}
