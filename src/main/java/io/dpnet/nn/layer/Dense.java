package io.dpnet.nn.layer;

import io.dpnet.nn.BatchContext;
import io.dpnet.nn.Blas;
import io.dpnet.nn.Layer;
import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.Shape;
import io.dpnet.nn.init.Initializer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Fully connected layer y = W x + b. Parameters: W as [units x inputs] column-major, then b [units]. Any input shape
 * is taken as a flat vector, so a Dense may follow a convolution directly.
 */
public final class Dense implements LayerSpec {
    private static final long serialVersionUID = 1L;
    private final int units;

    public Dense(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("dense layer needs a positive number of units, got " + units);
        }
        this.units = units;
    }

    public int units() {
        return units;
    }

    @Override
    public String type() {
        return "dense";
    }

    @Override
    public Shape outputShape(Shape input) {
        return Shape.of(units);
    }

    @Override
    public int paramCount(Shape input) {
        return Math.addExact(Math.multiplyExact(units, input.size()), units);
    }

    @Override
    public void initialize(Shape input, Initializer initializer, Random rng, double[] params, int offset) {
        int fanIn = input.size();
        int weights = units * fanIn;
        for (int i = 0; i < weights; i++) {
            params[offset + i] = initializer.sample(rng, fanIn, units);
        }
        Arrays.fill(params, offset + weights, offset + weights + units, 0.0);
    }

    @Override
    public Layer bind(Shape input) {
        return new Bound(input.size(), units);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", type());
        d.put("units", units);
        return d;
    }

    private static final class Bound implements Layer {
        private final int in;
        private final int out;
        private double[] ones = new double[0];

        Bound(int in, int out) {
            this.in = in;
            this.out = out;
        }

        @Override
        public void forward(double[] params, int offset, double[] x, double[] y, int n, BatchContext batch) {
            int bias = offset + out * in;
            for (int j = 0; j < n; j++) {
                System.arraycopy(params, bias, y, j * out, out);
            }
            Blas.gemm(false, false, out, n, in, 1.0, params, offset, x, 0, 1.0, y, 0);
        }

        @Override
        public void backward(double[] params, int offset, double[] x, double[] y, double[] dy, double[] dx,
                             double[] grad, int n) {
            Blas.gemm(false, true, out, in, n, 1.0, dy, 0, x, 0, 1.0, grad, offset);
            Blas.gemv(false, out, n, 1.0, dy, 0, ones(n), 0, 1.0, grad, offset + out * in);
            if (dx != null) {
                Blas.gemm(true, false, in, n, out, 1.0, params, offset, dy, 0, 0.0, dx, 0);
            }
        }

        private double[] ones(int n) {
            if (ones.length < n) {
                ones = new double[n];
                Arrays.fill(ones, 1.0);
            }
            return ones;
        }
    }
}
