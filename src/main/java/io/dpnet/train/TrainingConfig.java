package io.dpnet.train;

import io.dpnet.nn.Precision;
import io.dpnet.nn.init.Initializer;
import io.dpnet.nn.optim.AdamSpec;
import io.dpnet.nn.optim.LearningRateSchedule;
import io.dpnet.nn.optim.OptimizerSpec;
import io.dpnet.nn.optim.SgdSpec;
import java.io.Serializable;

/**
 * How to train: global batch size, epochs, seed, initializer, optimizer, learning-rate schedule, how partitions
 * synchronize ({@code localSteps} optimizer steps per synchronization under {@link Sync#AVERAGE}), the number type
 * ({@link Precision}) and how the input is scaled ({@link Scaling}). Made by its {@link Builder}, from scratch
 * ({@link #builder()}) or from another config ({@link #toBuilder()}).
 */
public record TrainingConfig(int batchSize, int epochs, long seed, Initializer initializer,
                             OptimizerSpec optimizer, LearningRateSchedule schedule, Sync sync, int localSteps,
                             Precision precision, Scaling scaling)
        implements Serializable {

    public TrainingConfig {
        if (localSteps <= 0) {
            throw new IllegalArgumentException("local-steps must be positive, got " + localSteps);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch-size must be positive, got " + batchSize);
        }
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        if (precision == null) {
            throw new IllegalArgumentException("precision must be float32 or float64");
        }
        if (scaling == null) {
            throw new IllegalArgumentException("a config needs a scaling (Scaling.NONE for none)");
        }
    }

    /**
     * A builder that starts from the library's defaults (batch 128, 10 epochs, seed 1, Xavier, plain SGD at rate 0.1,
     * constant rate, gradient averaging), not from the tuned recipe of {@code conf/defaults.conf}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this config. */
    public Builder toBuilder() {
        return builder().batchSize(batchSize).epochs(epochs).seed(seed).initializer(initializer).optimizer(optimizer)
                .learningRate(schedule.baseRate()).warmup(schedule.warmupEpochs())
                .stepDecay(schedule.decayEveryEpochs(), schedule.gamma()).sync(sync, localSteps)
                .precision(precision).scaling(scaling);
    }

    public BatchPlan plan(long totalSamples) {
        return new BatchPlan(totalSamples, batchSize, seed);
    }

    /** Collects the settings of a {@link TrainingConfig}; {@link #build} checks them. */
    public static final class Builder {
        private int batchSize = 128;
        private int epochs = 10;
        private long seed = 1;
        private Initializer initializer = Initializer.XAVIER;
        private OptimizerSpec optimizer = SgdSpec.PLAIN;
        private double learningRate = 0.1;
        private double warmupEpochs;
        private double decayEveryEpochs;
        private double gamma = 1;
        private Sync sync = Sync.GRADIENT;
        private int localSteps = 1;
        private Precision precision = Precision.FLOAT32;
        private Scaling scaling = Scaling.NONE;

        private Builder() {
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** Every sample in one step per epoch, as full-batch solvers take them. */
        public Builder fullBatch() {
            return batchSize(Integer.MAX_VALUE);
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder initializer(Initializer v) {
            initializer = v;
            return this;
        }

        public Builder optimizer(OptimizerSpec v) {
            optimizer = v;
            return this;
        }

        /** The base learning rate, before warm-up and decay. */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** SGD at {@code rate}, with momentum, Nesterov's or not, and L2 weight decay. */
        public Builder sgd(double rate, double momentum, boolean nesterov, double weightDecay) {
            return optimizer(new SgdSpec(momentum, nesterov, weightDecay)).learningRate(rate);
        }

        /** Adam with its default settings at {@code rate}. */
        public Builder adam(double rate) {
            return optimizer(AdamSpec.DEFAULTS).learningRate(rate);
        }

        /** A linear warm-up of the rate over the first {@code epochs} (may be fractional). */
        public Builder warmup(double epochs) {
            warmupEpochs = epochs;
            return this;
        }

        /** The rate multiplied by {@code factor} every {@code everyEpochs} epochs (0: a constant rate). */
        public Builder stepDecay(double everyEpochs, double factor) {
            decayEveryEpochs = everyEpochs;
            gamma = factor;
            return this;
        }

        public Builder sync(Sync mode, int localStepsPerRound) {
            sync = mode;
            localSteps = localStepsPerRound;
            return this;
        }

        /** Model averaging every {@code steps} optimizer steps instead of gradient averaging every step. */
        public Builder modelAveraging(int steps) {
            return sync(Sync.AVERAGE, steps);
        }

        /** The number type to compute, exchange and store in; float32 unless said. */
        public Builder precision(Precision v) {
            precision = v;
            return this;
        }

        /** How the input is scaled ({@link Scaling}); none unless said. */
        public Builder scaling(Scaling v) {
            scaling = v;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(batchSize, epochs, seed, initializer, optimizer,
                    new LearningRateSchedule(learningRate, warmupEpochs, decayEveryEpochs, gamma), sync, localSteps,
                    precision, scaling);
        }
    }
}
