package io.dpnet.nn.layer;

/** Logistic function 1 / (1 + e^-x), computed without overflow for large |x|. */
public final class Sigmoid extends Activation {
    private static final long serialVersionUID = 1L;

    @Override
    public String type() {
        return "sigmoid";
    }

    public static double of(double v) {
        if (v >= 0) {
            return 1.0 / (1.0 + Math.exp(-v));
        }
        double e = Math.exp(v);
        return e / (1.0 + e);
    }

    @Override
    protected void apply(double[] x, double[] y, int size, int n) {
        for (int i = 0, len = size * n; i < len; i++) {
            y[i] = of(x[i]);
        }
    }

    @Override
    protected void derivative(double[] x, double[] y, double[] dy, double[] dx, int size, int n) {
        for (int i = 0, len = size * n; i < len; i++) {
            dx[i] = dy[i] * y[i] * (1.0 - y[i]);
        }
    }
}
