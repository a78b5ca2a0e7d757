package io.dpnet.nn.layer;

import io.dpnet.nn.BatchContext;
import io.dpnet.nn.Layer;
import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.SampleKeys;
import io.dpnet.nn.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inverted dropout: while training, each unit is zeroed with probability {@code rate} and the kept ones are scaled by
 * 1 / (1 - rate), so that the expected output equals the input and inference is the identity.
 *
 * <p>Whether unit i of a sample is kept is a hash of (the layer's {@code seed}, its position in the network, the
 * sample's key from the {@link BatchContext}, i), not a draw from a shared generator: the same sample with the same key
 * gets the same mask on any partition and in any column, so the gradient does not depend on how the data is split.
 */
public final class Dropout implements LayerSpec {
    private static final long serialVersionUID = 1L;
    private final double rate;
    private final long seed;

    public Dropout(double rate, long seed) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.seed = seed;
    }

    public Dropout(double rate) {
        this(rate, 0);
    }

    public double rate() {
        return rate;
    }

    public long seed() {
        return seed;
    }

    @Override
    public String type() {
        return "dropout";
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    public Layer bind(Shape input) {
        return bind(input, 0);
    }

    @Override
    public Layer bind(Shape input, int position) {
        return new Bound(input.size(), rate, SampleKeys.mix(SampleKeys.mix(seed) ^ position));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", type());
        d.put("rate", rate);
        if (seed != 0) {
            d.put("seed", seed);
        }
        return d;
    }

    private static final class Bound implements Layer {
        private final int size;
        private final double rate;
        private final double keptScale;
        /** Hash of the seed and the layer's position, the start of every unit's hash. */
        private final long layerHash;
        /** Per value of the last training pass: 0 or 1 / (1 - rate); meaningful while {@code masked}. */
        private double[] scale = new double[0];
        private boolean masked;

        Bound(int size, double rate, long layerHash) {
            this.size = size;
            this.rate = rate;
            this.keptScale = 1.0 / (1.0 - rate);
            this.layerHash = layerHash;
        }

        @Override
        public void forward(double[] params, int offset, double[] x, double[] y, int n, BatchContext batch) {
            masked = batch.training() && rate > 0;
            if (!masked) {
                System.arraycopy(x, 0, y, 0, size * n);
                return;
            }
            if (scale.length < size * n) {
                scale = new double[size * n];
            }
            for (int j = 0; j < n; j++) {
                long sampleHash = SampleKeys.mix(layerHash ^ batch.sampleKey(j));
                for (int i = 0, v = j * size; i < size; i++, v++) {
                    double s = SampleKeys.uniform(SampleKeys.mix(sampleHash + i)) < rate ? 0.0 : keptScale;
                    scale[v] = s;
                    y[v] = x[v] * s;
                }
            }
        }

        @Override
        public void backward(double[] params, int offset, double[] x, double[] y, double[] dy, double[] dx,
                             double[] grad, int n) {
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
}
