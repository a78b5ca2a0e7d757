package io.dpnet.nn.optim;

import io.dpnet.nn.Precision;

/**
 * Stochastic gradient descent with L2 weight decay and optional (Nesterov) momentum:
 * g' = g + decay * w; v = mu * v + g'; w -= rate * v (Nesterov: w -= rate * (g' + mu * v)).
 */
public final class Sgd implements Optimizer {
    private final double momentum;
    private final boolean nesterov;
    private final double weightDecay;
    private final double[] velocity;

    /** Built through {@link SgdSpec}, which checks the settings. */
    Sgd(int paramCount, double momentum, boolean nesterov, double weightDecay) {
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
        this.velocity = momentum > 0 ? new double[paramCount] : new double[0];
    }

    @Override
    public void step(double[] params, double[] gradient, double rate) {
        for (int i = 0; i < params.length; i++) {
            double g = gradient[i] + weightDecay * params[i];
            if (momentum > 0) {
                double v = momentum * velocity[i] + g;
                velocity[i] = v;
                g = nesterov ? g + momentum * v : v;
            }
            params[i] -= rate * g;
        }
    }

    @Override
    public double[][] state() {
        return new double[][] {velocity.clone()};
    }

    @Override
    public void roundState(Precision precision) {
        precision.round(velocity);
    }

    @Override
    public void restore(double[][] state) {
        OptimizerState.copyInto(state, velocity);
    }
}
