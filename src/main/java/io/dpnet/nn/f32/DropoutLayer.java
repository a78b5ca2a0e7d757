package io.dpnet.nn.f32;

import io.dpnet.nn.BatchContext;
import io.dpnet.nn.SampleKeys;

/**
 * A bound {@code Dropout}: while training, unit i of a sample is zeroed when a hash of (the layer's hash, the sample's
 * key, i) falls below the rate, and kept units are scaled by 1 / (1 - rate); otherwise the identity.
 */
final class DropoutLayer implements Layer {
    private final int size;
    private final double rate;
    private final float keptScale;
    /** Hash of the seed and the layer's position, the start of every unit's hash. */
    private final long layerHash;
    /** Per value of the last training pass: 0 or 1 / (1 - rate); meaningful while {@code masked}. */
    private float[] scale = new float[0];
    private boolean masked;

    DropoutLayer(int size, double rate, long layerHash) {
        this.size = size;
        this.rate = rate;
        this.keptScale = (float) (1.0 / (1.0 - rate));
        this.layerHash = layerHash;
    }

    @Override
    public void forward(float[] params, int offset, float[] x, float[] y, int n, BatchContext batch) {
        masked = batch.training() && rate > 0;
        if (!masked) {
            System.arraycopy(x, 0, y, 0, size * n);
            return;
        }
        if (scale.length < size * n) {
            scale = new float[size * n];
        }
        for (int j = 0; j < n; j++) {
            long sampleHash = SampleKeys.mix(layerHash ^ batch.sampleKey(j));
            for (int i = 0, v = j * size; i < size; i++, v++) {
                float s = SampleKeys.uniform(SampleKeys.mix(sampleHash + i)) < rate ? 0.0f : keptScale;
                scale[v] = s;
                y[v] = x[v] * s;
            }
        }
    }

    @Override
    public void backward(float[] params, int offset, float[] x, float[] y, float[] dy, float[] dx, float[] grad,
                         int n) {
        if (dx == null) {
            return;
        }
        if (!masked) {
            System.arraycopy(dy, 0, dx, 0, size * n);
            return;
        }
        for (int v = 0, len = size * n; v < len; v++) {
            dx[v] = dy[v] * scale[v];
        }
    }
}
