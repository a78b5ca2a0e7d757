package io.dpnet.nn.layer;

/** Rectified linear unit max(0, x); its derivative at 0 is taken as 0. */
public final class Relu extends Activation {
    private static final long serialVersionUID = 1L;

    @Override
    public String type() {
        return "relu";
    }

    @Override
    protected void apply(double[] x, double[] y, int size, int n) {
        for (int i = 0, len = size * n; i < len; i++) {
            y[i] = x[i] > 0 ? x[i] : 0.0;
        }
    }

    @Override
    protected void derivative(double[] x, double[] y, double[] dy, double[] dx, int size, int n) {
        for (int i = 0, len = size * n; i < len; i++) {
            dx[i] = x[i] > 0 ? dy[i] : 0.0;
        }
    }
}
