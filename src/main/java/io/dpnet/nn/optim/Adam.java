package io.dpnet.nn.optim;

import io.dpnet.nn.Precision;

/** Adam (Kingma and Ba) with bias correction and optional L2 weight decay added to the gradient. */
public final class Adam implements Optimizer {
    /** The step counter travels as two parts below 2^24, which float32 state (a float32 checkpoint) holds exactly. */
    private static final long PART = 1L << 24;

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final double[] m;
    private final double[] v;
    private long t;

    /** Built through {@link AdamSpec}, which checks the settings. */
    Adam(int paramCount, double beta1, double beta2, double epsilon, double weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.m = new double[paramCount];
        this.v = new double[paramCount];
    }

    @Override
    public void step(double[] params, double[] gradient, double rate) {
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        double stepSize = rate * Math.sqrt(c2) / c1;
        for (int i = 0; i < params.length; i++) {
            double g = gradient[i] + weightDecay * params[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            params[i] -= stepSize * m[i] / (Math.sqrt(v[i]) + epsilon * Math.sqrt(c2));
        }
    }

    @Override
    public void roundState(Precision precision) {
        precision.round(m);
        precision.round(v);
    }

    @Override
    public double[][] state() {
        return new double[][] {m.clone(), v.clone(), {t % PART, t / PART}};
    }

    @Override
    public void restore(double[][] state) {
        OptimizerState.copyInto(new double[][] {state[0]}, m);
        OptimizerState.copyInto(new double[][] {state[1]}, v);
        // One part in checkpoints written before the counter was split.
        t = (long) state[2][0] + (state[2].length > 1 ? (long) state[2][1] * PART : 0);
    }
}
