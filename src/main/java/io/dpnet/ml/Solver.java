package io.dpnet.ml;

import java.util.Arrays;
import java.util.List;

/** The values of the {@code solver} param: dpnet's mini-batch solvers first, then MultilayerPerceptronClassifier's. */
enum Solver {
    /** Mini-batch SGD with momentum (and optionally Nesterov's), {@code maxIter} epochs. */
    SGD("sgd"),
    /** Mini-batch Adam, {@code maxIter} epochs: the default. */
    ADAM("adam"),
    /** MLlib's solver: Breeze's L-BFGS over the full batch, {@code maxIter} iterations. */
    LBFGS("l-bfgs"),
    /** MLlib's full-batch gradient descent, a fixed step of {@code stepSize}, {@code maxIter} iterations. */
    GD("gd");

    static final Solver DEFAULT = ADAM;

    final String paramValue;

    Solver(String paramValue) {
        this.paramValue = paramValue;
    }

    static List<String> paramValues() {
        return Arrays.stream(values()).map(s -> s.paramValue).toList();
    }

    static Solver of(String paramValue) {
        for (Solver s : values()) {
            if (s.paramValue.equals(paramValue)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown solver '" + paramValue + "' (expected one of " + paramValues()
                + ")");
    }

    /** Whether every iteration sees all rows at once, as MLlib's solvers do. */
    boolean fullBatch() {
        return this == LBFGS || this == GD;
    }
}
