package io.dpnet.nn.layer;

/**
 * Softmax over each sample's column, stable through subtracting the column maximum. Under softmax cross-entropy the
 * loss absorbs this layer while training (see {@code Loss}); on its own it back-propagates through the full Jacobian.
 */
public final class Softmax extends Activation {
    private static final long serialVersionUID = 1L;

    @Override
    public String type() {
        return "softmax";
    }

    /** Softmax of {@code x[off..off+size)} into {@code y[off..]}. */
    public static void column(double[] x, double[] y, int off, int size) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = off; i < off + size; i++) {
            max = Math.max(max, x[i]);
        }
        double sum = 0;
        for (int i = off; i < off + size; i++) {
            double e = Math.exp(x[i] - max);
            y[i] = e;
            sum += e;
        }
        double inv = 1.0 / sum;
        for (int i = off; i < off + size; i++) {
            y[i] *= inv;
        }
    }

    @Override
    protected void apply(double[] x, double[] y, int size, int n) {
        for (int j = 0; j < n; j++) {
            column(x, y, j * size, size);
        }
    }

    @Override
    protected void derivative(double[] x, double[] y, double[] dy, double[] dx, int size, int n) {
        for (int j = 0; j < n; j++) {
            int off = j * size;
            double dot = 0;
            for (int i = off; i < off + size; i++) {
                dot += dy[i] * y[i];
            }
            for (int i = off; i < off + size; i++) {
                dx[i] = y[i] * (dy[i] - dot);
            }
        }
    }
}
