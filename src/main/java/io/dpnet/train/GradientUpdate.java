package io.dpnet.train;

import io.dpnet.nn.Precision;
import io.dpnet.nn.optim.LearningRateSchedule;
import io.dpnet.nn.optim.Optimizer;
import io.dpnet.nn.optim.OptimizerSpec;

/**
 * One synchronous SGD update from a step's summed gradient: divide by the sample count, check that loss and gradient
 * are finite, let the optimizer step at the scheduled rate (in double), then round parameters and optimizer state to
 * the run's precision, so that they are exactly what the next step computes with and what a checkpoint holds.
 */
public final class GradientUpdate {
    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final int stepsPerEpoch;
    private final double[] mean;
    private final Precision precision;

    public GradientUpdate(OptimizerSpec optimizer, double[][] optimizerState, LearningRateSchedule schedule,
                          int paramCount, int stepsPerEpoch, Precision precision) {
        this.optimizer = optimizer.create(paramCount);
        if (optimizerState != null) {
            this.optimizer.restore(optimizerState);
        }
        this.schedule = schedule;
        this.stepsPerEpoch = stepsPerEpoch;
        this.mean = new double[paramCount];
        this.precision = precision;
    }

    /** Updates {@code params} in place from the sums of global step {@code step}; a step without samples is a no-op. */
    public void apply(double[] params, StepSums sum, long step, int epoch) {
        if (sum.count == 0) {
            return;
        }
        double inv = 1.0 / sum.count;
        for (int i = 0; i < mean.length; i++) {
            mean[i] = sum.vector[i] * inv;
        }
        checkFinite(sum.loss, mean, "gradient holds ", step, epoch + 1);
        optimizer.step(params, mean, schedule.rate(step, stepsPerEpoch));
        precision.round(params);
        optimizer.roundState(precision);
    }

    /** The optimizer's state (momentum, Adam moments), for checkpoints and to hand on to another update. */
    public double[][] optimizerState() {
        return optimizer.state();
    }

    public void restore(double[][] state) {
        optimizer.restore(state);
    }

    static void checkFinite(double loss, double[] vector, String what, long step, int epoch) {
        if (!Double.isFinite(loss)) {
            throw new DivergenceException(step, epoch, "loss is " + loss);
        }
        for (double v : vector) {
            if (!Double.isFinite(v)) {
                throw new DivergenceException(step, epoch, what + v);
            }
        }
    }
}
