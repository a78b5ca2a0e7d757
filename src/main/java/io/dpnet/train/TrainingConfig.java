package io.dpnet.train;

import io.dpnet.nn.init.Initializer;
import io.dpnet.nn.optim.LearningRateSchedule;
import io.dpnet.nn.optim.OptimizerSpec;
import java.io.Serializable;

/**
 * How to train: global batch size, epochs, seed, initializer, optimizer, learning-rate schedule, and how partitions
 * synchronize ({@code localSteps} optimizer steps per synchronization under {@link Sync#AVERAGE}).
 */
public record TrainingConfig(int batchSize, int epochs, long seed, Initializer initializer,
                             OptimizerSpec optimizer, LearningRateSchedule schedule, Sync sync, int localSteps)
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
    }

    public static TrainingConfigBuilder builder() {
        return new TrainingConfigBuilder();
    }

    public TrainingConfig withEpochs(int newEpochs) {
        return new TrainingConfig(batchSize, newEpochs, seed, initializer, optimizer, schedule, sync, localSteps);
    }

    public TrainingConfig withBatchSize(int newBatchSize) {
        return new TrainingConfig(newBatchSize, epochs, seed, initializer, optimizer, schedule, sync, localSteps);
    }

    public TrainingConfig withSeed(long newSeed) {
        return new TrainingConfig(batchSize, epochs, newSeed, initializer, optimizer, schedule, sync, localSteps);
    }

    public TrainingConfig withSync(Sync newSync, int newLocalSteps) {
        return new TrainingConfig(batchSize, epochs, seed, initializer, optimizer, schedule, newSync, newLocalSteps);
    }

    public BatchPlan plan(long totalSamples) {
        return new BatchPlan(totalSamples, batchSize, seed);
    }
}
