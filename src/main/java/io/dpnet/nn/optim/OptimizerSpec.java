package io.dpnet.nn.optim;

import java.io.Serializable;
import java.util.Locale;

/** Which optimizer to build and its settings; the learning rate itself comes from a {@link LearningRateSchedule}. */
public record OptimizerSpec(Kind kind, double momentum, boolean nesterov, double weightDecay,
                            double beta1, double beta2, double epsilon) implements Serializable {

    public enum Kind { SGD, ADAM }

    public OptimizerSpec {
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weight-decay must be a non-negative number, got " + weightDecay);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("nesterov needs a momentum above 0");
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + " and " + beta2);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("Adam epsilon must be a positive number, got " + epsilon);
        }
    }

    public static OptimizerSpec sgd(double momentum, boolean nesterov, double weightDecay) {
        return new OptimizerSpec(Kind.SGD, momentum, nesterov, weightDecay, 0.9, 0.999, 1e-8);
    }

    public static OptimizerSpec adam(double beta1, double beta2, double epsilon, double weightDecay) {
        return new OptimizerSpec(Kind.ADAM, 0, false, weightDecay, beta1, beta2, epsilon);
    }

    public static Kind parseKind(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "sgd", "momentum":
                return Kind.SGD;
            case "adam":
                return Kind.ADAM;
            default:
                throw new IllegalArgumentException("unknown optimizer '" + name + "' (expected sgd or adam)");
        }
    }

    public Optimizer create(int paramCount) {
        return kind == Kind.ADAM
                ? new Adam(paramCount, beta1, beta2, epsilon, weightDecay)
                : new Sgd(paramCount, momentum, nesterov, weightDecay);
    }
}
