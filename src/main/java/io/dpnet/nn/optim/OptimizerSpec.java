package io.dpnet.nn.optim;

import java.io.Serializable;

/**
 * Which optimizer to build, with its settings checked: {@link SgdSpec} or {@link AdamSpec}. The learning rate itself
 * comes from a {@link LearningRateSchedule}.
 */
public sealed interface OptimizerSpec extends Serializable permits SgdSpec, AdamSpec {

    /** L2 penalty added to the gradient: decay * w. */
    double weightDecay();

    /** A fresh optimizer, its state sized for {@code paramCount} parameters. */
    Optimizer create(int paramCount);
}
