package io.dpnet.nn.optim;

import java.io.Serializable;

/**
 * Learning rate as a function of the step: a base rate, multiplied by {@code gamma} every {@code decayEveryEpochs}
 * epochs (0: constant), after a linear warm-up from near 0 over the first {@code warmupEpochs} (may be fractional).
 */
public record LearningRateSchedule(double baseRate, double warmupEpochs, double decayEveryEpochs, double gamma)
        implements Serializable {

    public LearningRateSchedule {
        if (!(baseRate > 0) || !Double.isFinite(baseRate)) {
            throw new IllegalArgumentException("learning-rate must be a positive number, got " + baseRate);
        }
        if (!(warmupEpochs >= 0) || !(decayEveryEpochs >= 0) || !Double.isFinite(warmupEpochs + decayEveryEpochs)) {
            throw new IllegalArgumentException("warm-up and decay periods must be finite and non-negative, got "
                    + warmupEpochs + " and " + decayEveryEpochs);
        }
        if (!(gamma > 0) || gamma > 1) {
            throw new IllegalArgumentException("decay gamma must be in (0, 1], got " + gamma);
        }
    }

    public static LearningRateSchedule constant(double rate) {
        return new LearningRateSchedule(rate, 0, 0, 1);
    }

    /** Rate for 0-based {@code step} when an epoch has {@code stepsPerEpoch} steps. */
    public double rate(long step, int stepsPerEpoch) {
        double epoch = (double) step / stepsPerEpoch;
        double rate = baseRate;
        if (decayEveryEpochs > 0) {
            rate *= Math.pow(gamma, Math.floor(epoch / decayEveryEpochs + 1e-9));
        }
        double warmupSteps = warmupEpochs * stepsPerEpoch;
        if (step < warmupSteps) {
            rate *= Math.min(1.0, (step + 1) / warmupSteps);
        }
        return rate;
    }
}
