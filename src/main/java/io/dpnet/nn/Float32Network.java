package io.dpnet.nn;

import io.dpnet.nn.f32.Engine;

/**
 * A {@link Network} in float32: parameters and inputs are narrowed to float on the way in, gradients and outputs
 * widened on the way out (exactly: float32 values fit in a double). That costs a pass over the parameters per call,
 * which is small next to the matrix products of a batch, and none for weights the caller has {@linkplain #fix fixed}.
 */
final class Float32Network extends BufferedNetwork {
    private final Engine engine;
    private final float[] params;
    /** Allocated at the first gradient: networks that only predict need none. */
    private float[] grad;
    /** The caller's array that {@link #params} holds, narrowed, while the caller has promised not to change it. */
    private double[] fixed;
    private double[] output = new double[0];

    Float32Network(NetworkSpec spec) {
        super(spec);
        this.engine = new Engine(spec);
        this.params = new float[spec.paramCount()];
    }

    @Override
    public Precision precision() {
        return Precision.FLOAT32;
    }

    @Override
    public double gradient(double[] params, double[] x, int[] labels, int n, double[] grad, long[] correct,
                           long[] sampleKeys) {
        if (grad.length < spec.paramCount()) {
            throw new IllegalArgumentException("gradient vector holds " + grad.length + " values, the network has "
                    + spec.paramCount() + " parameters");
        }
        if (this.grad == null) {
            this.grad = new float[spec.paramCount()];
        }
        double loss = engine.gradient(narrow(params), input(x, n), labels, n, this.grad, correct, sampleKeys);
        for (int i = 0; i < this.grad.length; i++) {
            grad[i] += this.grad[i];
            this.grad[i] = 0.0f; // zero for the next call, in the same pass
        }
        return loss;
    }

    @Override
    public double evaluate(double[] params, double[] x, int[] labels, int n, int[] predictions) {
        return engine.evaluate(narrow(params), input(x, n), labels, n, predictions);
    }

    @Override
    public double[] output(double[] params, double[] x, int n) {
        float[] out = engine.output(narrow(params), input(x, n), n);
        int len = spec.outputSize() * n;
        if (output.length < len) {
            output = new double[len];
        }
        for (int i = 0; i < len; i++) {
            output[i] = out[i];
        }
        return output;
    }

    @Override
    public void predict(double[] params, double[] x, int n, int[] predictions) {
        engine.predict(narrow(params), input(x, n), n, predictions);
    }

    @Override
    public void fix(double[] values) {
        narrow(values);
        fixed = values;
    }

    private float[] narrow(double[] values) {
        if (values == fixed) {
            return params;
        }
        spec.checkParams(values);
        fixed = null;
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) values[i];
        }
        return params;
    }

    private float[] input(double[] x, int n) {
        int len = spec.inputSize() * n;
        if (x.length < len) {
            throw new IllegalArgumentException("batch of " + n + " samples needs " + len + " input values, got "
                    + x.length);
        }
        float[] in = engine.inputBuffer(n);
        for (int i = 0; i < len; i++) {
            in[i] = (float) x[i];
        }
        return in;
    }
}
