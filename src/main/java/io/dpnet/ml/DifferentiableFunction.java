package io.dpnet.ml;

/** A function of a flat vector and its gradient, for the full-batch solvers. */
interface DifferentiableFunction {

    /** The value at {@code w}; writes the gradient there into {@code gradient}. */
    double evaluate(double[] w, double[] gradient);
}
