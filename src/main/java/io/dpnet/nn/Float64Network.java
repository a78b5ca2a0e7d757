package io.dpnet.nn;

import io.dpnet.nn.f64.Engine;

/** A {@link Network} in float64: the engine works on the callers' arrays directly. */
final class Float64Network extends BufferedNetwork {
    private final Engine engine;

    Float64Network(NetworkSpec spec) {
        super(spec);
        this.engine = new Engine(spec);
    }

    @Override
    public Precision precision() {
        return Precision.FLOAT64;
    }

    @Override
    public double gradient(double[] params, double[] x, int[] labels, int n, double[] grad, long[] correct,
                           long[] sampleKeys) {
        return engine.gradient(params, x, labels, n, grad, correct, sampleKeys);
    }

    @Override
    public double evaluate(double[] params, double[] x, int[] labels, int n, int[] predictions) {
        return engine.evaluate(params, x, labels, n, predictions);
    }

    @Override
    public double[] output(double[] params, double[] x, int n) {
        return engine.output(params, x, n);
    }

    @Override
    public void predict(double[] params, double[] x, int n, int[] predictions) {
        engine.predict(params, x, n, predictions);
    }
}
