package io.dpnet.nn.optim;

import io.dpnet.nn.Precision;

/**
 * Updates parameters from a mean gradient (dLoss/dparams; the optimizer subtracts). Holds per-parameter state such as
 * momentum or Adam moments, sized once for the network; {@link #state()} exposes it for checkpoints.
 */
public interface Optimizer {

    /** One update of {@code params} in place, at learning rate {@code rate}. */
    void step(double[] params, double[] gradient, double rate);

    /** The optimizer's state as arrays that {@link #restore} takes back; empty for plain SGD. */
    double[][] state();

    void restore(double[][] state);

    /** Rounds the state to {@code precision} in place, so that it is what a checkpoint in that precision holds. */
    void roundState(Precision precision);
}
