package io.dpnet.nn;

/**
 * A trained network: its architecture, its flat parameters and the precision it computes in, with batch prediction for
 * convenience.
 */
public record Model(NetworkSpec spec, double[] params, Precision precision) {

    public Model {
        spec.checkParams(params);
        if (precision == null) {
            throw new IllegalArgumentException("a model needs a precision");
        }
    }

    /** Class probabilities (or the raw output for MSE) of {@code n} samples, [outputSize x n] column-major. */
    public double[] output(double[] x, int n) {
        return spec.newNetwork(precision).output(params, x, n).clone();
    }

    public int[] predict(double[] x, int n) {
        int[] out = new int[n];
        spec.newNetwork(precision).predict(params, x, n, out);
        return out;
    }
}
