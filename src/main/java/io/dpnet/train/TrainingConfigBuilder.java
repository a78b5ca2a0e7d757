package io.dpnet.train;

import io.dpnet.nn.init.Initializer;
import io.dpnet.nn.optim.LearningRateSchedule;
import io.dpnet.nn.optim.OptimizerSpec;

/**
 * Fluent construction of a {@link TrainingConfig}. Unset values are plain ones (batch 128, 10 epochs, seed 1, Xavier,
 * SGD at rate 0.1 without momentum, constant rate), not the tuned recipe of {@code conf/defaults.conf}.
 */
public final class TrainingConfigBuilder {
    private int batchSize = 128;
    private int epochs = 10;
    private long seed = 1;
    private Initializer initializer = Initializer.XAVIER;
    private OptimizerSpec optimizer = OptimizerSpec.sgd(0, false, 0);
    private double learningRate = 0.1;
    private double warmupEpochs;
    private double decayEveryEpochs;
    private double gamma = 1;
    private Sync sync = Sync.GRADIENT;
    private int localSteps = 1;

    public TrainingConfigBuilder batchSize(int v) {
        batchSize = v;
        return this;
    }

    public TrainingConfigBuilder epochs(int v) {
        epochs = v;
        return this;
    }

    public TrainingConfigBuilder seed(long v) {
        seed = v;
        return this;
    }

    public TrainingConfigBuilder initializer(Initializer v) {
        initializer = v;
        return this;
    }

    public TrainingConfigBuilder sgd(double rate, double momentum, boolean nesterov, double weightDecay) {
        optimizer = OptimizerSpec.sgd(momentum, nesterov, weightDecay);
        learningRate = rate;
        return this;
    }

    public TrainingConfigBuilder adam(double rate) {
        optimizer = OptimizerSpec.adam(0.9, 0.999, 1e-8, 0);
        learningRate = rate;
        return this;
    }

    public TrainingConfigBuilder warmup(double epochs) {
        warmupEpochs = epochs;
        return this;
    }

    public TrainingConfigBuilder stepDecay(double everyEpochs, double factor) {
        decayEveryEpochs = everyEpochs;
        gamma = factor;
        return this;
    }

    /** Model averaging every {@code steps} optimizer steps instead of gradient averaging every step. */
    public TrainingConfigBuilder modelAveraging(int steps) {
        sync = Sync.AVERAGE;
        localSteps = steps;
        return this;
    }

    public TrainingConfig build() {
        return new TrainingConfig(batchSize, epochs, seed, initializer, optimizer,
                new LearningRateSchedule(learningRate, warmupEpochs, decayEveryEpochs, gamma), sync, localSteps);
    }
}
