package io.dpnet.nn.layer;

/** Hyperbolic tangent. */
public final class Tanh extends Activation {
    private static final long serialVersionUID = 1L;

    @Override
    public String type() {
        return "tanh";
    }

    @Override
    protected void apply(double[] x, double[] y, int size, int n) {
        for (int i = 0, len = size * n; i < len; i++) {
            y[i] = Math.tanh(x[i]);
        }
    }

    @Override
    protected void derivative(double[] x, double[] y, double[] dy, double[] dx, int size, int n) {
        for (int i = 0, len = size * n; i < len; i++) {
            dx[i] = dy[i] * (1.0 - y[i] * y[i]);
        }
    }
}
