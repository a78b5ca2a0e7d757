package io.dpnet.train;

import java.util.function.Consumer;

/**
 * When the trainer hands its state to {@code sink}: after every {@code everyEpochs} epochs and after the last one (also
 * one that a listener stops at), and, unless {@code everySteps} is 0, after every {@code everySteps} steps inside
 * epochs (gradient averaging only).
 */
public record Checkpoints(int everyEpochs, int everySteps, Consumer<TrainingState> sink) {

    public Checkpoints {
        if (everyEpochs < 1) {
            throw new IllegalArgumentException("checkpoint-every must be at least 1 epoch, got " + everyEpochs);
        }
        if (everySteps < 0) {
            throw new IllegalArgumentException("checkpoint-every-steps must not be negative, got " + everySteps);
        }
        if (sink == null) {
            throw new IllegalArgumentException("checkpoints need a sink");
        }
    }

    private static final Checkpoints NONE = new Checkpoints(Integer.MAX_VALUE, 0, state -> { });

    /** No checkpoints. */
    public static Checkpoints none() {
        return NONE;
    }

    /** Throws unless checkpoints every {@code everySteps} steps (0: none) suit {@code sync}. */
    public static void checkEverySteps(int everySteps, Sync sync) {
        if (everySteps > 0 && sync == Sync.AVERAGE) {
            throw new IllegalArgumentException("checkpoints every few steps need gradient averaging: under model "
                    + "averaging the partitions' optimizers keep state that a checkpoint does not hold");
        }
    }

    /** Whether any state is to be handed on; the trainer copies none otherwise. */
    public boolean wanted() {
        return this != NONE;
    }
}
