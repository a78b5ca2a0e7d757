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
            this.optimizer.roundState(precision); // as every update leaves it: a float64 checkpoint resumed in float32
        }
        this.schedule = schedule;
        this.stepsPerEpoch = stepsPerEpoch;
        this.mean = new double[paramCount];
        this.precision = precision;
    }

    /**
     * The update of one chunk of the parameters, {@code length} of them, with the chunk's part of the optimizer state
     * ({@link io.dpnet.nn.optim.StateChunks}): where the chunk's sums are, at the rate the caller is told. The
     * optimizers are element-wise, so chunks updated apart give the bits that one update of all gives.
     */
    public static GradientUpdate ofChunk(OptimizerSpec optimizer, double[][] chunkState, int length,
                                         Precision precision) {
        return new GradientUpdate(optimizer, chunkState, null, length, 0, precision);
    }

    /** Updates {@code params} in place from the sums of global step {@code step}; a step without samples is a no-op. */
    public void apply(double[] params, StepSums sum, long step, int epoch) {
        if (sum.count == 0) {
            return;
        }
        checkLoss(sum.loss, step, epoch + 1);
        applyChunk(params, sum.vector, 0, sum.count, rate(step), step, epoch);
    }

    /**
     * Updates {@code params} in place from the sums of the same parameters, {@code sums[offset, offset +
     * params.length)}, over {@code count} samples (more than none) of global step {@code step}, at {@code rate}.
     */
    public void applyChunk(double[] params, double[] sums, int offset, long count, double rate, long step,
                           int epoch) {
        double inv = 1.0 / count;
        for (int i = 0; i < params.length; i++) {
            mean[i] = sums[offset + i] * inv;
        }
        checkVector(mean, "gradient holds ", step, epoch + 1);
        optimizer.step(params, mean, rate);
        precision.round(params);
        optimizer.roundState(precision);
    }

    /** The scheduled learning rate of global step {@code step}. */
    public double rate(long step) {
        if (schedule == null) {
            throw new IllegalStateException("a chunk's update is told its rate");
        }
        return schedule.rate(step, stepsPerEpoch);
    }

    /** The optimizer's state (momentum, Adam moments), for checkpoints and to hand on to another update. */
    public double[][] optimizerState() {
        return optimizer.state();
    }

    public void restore(double[][] state) {
        optimizer.restore(state);
    }

    static void checkFinite(double loss, double[] vector, String what, long step, int epoch) {
        checkLoss(loss, step, epoch);
        checkVector(vector, what, step, epoch);
    }

    /** Throws a {@link DivergenceException} for a loss that is not finite, at global step {@code step}. */
    public static void checkLoss(double loss, long step, int epoch) {
        if (!Double.isFinite(loss)) {
            throw new DivergenceException(step, epoch, "loss is " + loss);
        }
    }

    private static void checkVector(double[] vector, String what, long step, int epoch) {
        for (double v : vector) {
            if (!Double.isFinite(v)) {
                throw new DivergenceException(step, epoch, what + v);
            }
        }
    }
}
