package io.dpnet.nn;

/** A trained network: its architecture and its flat parameters, with batch prediction for convenience. */
public record Model(NetworkSpec spec, double[] params) {

    public Model {
        spec.checkParams(params);
    }

    /** Class probabilities (or the raw output for MSE) of {@code n} samples, [outputSize x n] column-major. */
    public double[] output(double[] x, int n) {
        return spec.newNetwork().output(params, x, n).clone();
    }

    public int[] predict(double[] x, int n) {
        int[] out = new int[n];
        spec.newNetwork().predict(params, x, n, out);
        return out;
    }
}
