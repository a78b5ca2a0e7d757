package io.dpnet.nn.f32;

import io.dpnet.nn.BatchContext;
import io.dpnet.nn.Blas;
import java.util.Arrays;

/** A bound {@code Dense}: y = W x + b, with W [out x in] column-major, then b [out], at the layer's offset. */
final class DenseLayer implements Layer {
    private final int in;
    private final int out;
    private float[] ones = new float[0];

    DenseLayer(int in, int out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public void forward(float[] params, int offset, float[] x, float[] y, int n, BatchContext batch) {
        int bias = offset + out * in;
        for (int j = 0; j < n; j++) {
            System.arraycopy(params, bias, y, j * out, out);
        }
        Blas.gemm(false, false, out, n, in, 1.0f, params, offset, x, 0, 1.0f, y, 0);
    }

    @Override
    public void backward(float[] params, int offset, float[] x, float[] y, float[] dy, float[] dx, float[] grad,
                         int n) {
        Blas.gemm(false, true, out, in, n, 1.0f, dy, 0, x, 0, 1.0f, grad, offset);
        Blas.gemv(false, out, n, 1.0f, dy, 0, ones(n), 0, 1.0f, grad, offset + out * in);
        if (dx != null) {
            Blas.gemm(true, false, in, n, out, 1.0f, params, offset, dy, 0, 0.0f, dx, 0);
        }
    }

    private float[] ones(int n) {
        if (ones.length < n) {
            ones = new float[n];
            Arrays.fill(ones, 1.0f);
        }
        return ones;
    }
}
