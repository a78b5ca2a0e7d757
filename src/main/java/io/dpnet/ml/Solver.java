package io.dpnet.ml;

import java.util.Arrays;
import java.util.List;

/** The values of the {@code solver} param: ours first, then MultilayerPerceptronClassifier's. */
enum Solver {
    /** Mini-batch SGD with momentum (and optionally Nesterov), {@code maxIter} epochs. */
    SGD("sgd"),
    /** Mini-batch Adam, {@code maxIter} epochs: the default. */
    ADAM("adam"),
    /** MLlib's full-batch L-BFGS: accepted for compatibility, not implemented yet. */
    LBFGS("l-bfgs"),
    /** MLlib's full-batch gradient descent: accepted for compatibility, not implemented yet. */
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

    /** Throws unless this solver can train yet. */
    Solver requireImplemented() {
        if (this == LBFGS || this == GD) {
            throw new UnsupportedOperationException("solver '" + paramValue + "' is accepted for compatibility with "
                    + "MultilayerPerceptronClassifier but not implemented yet; use 'adam' (the default) or 'sgd', "
                    + "where maxIter counts epochs of mini-batches");
        }
        return this;
    }
}
