package io.dpnet.testing;

import io.dpnet.nn.Precision;

/**
 * How far two trainings of the same model may end apart after the few epochs of a test when they add the same
 * gradients in another order: on 1 and N partitions, on Spark and in the local engine, with model averaging every
 * step and with gradient averaging. float64: 1e-9. float32: 1e-6, about 16 float32 steps (ulps) at a weight of 0.5
 * and 130 at 0.1; the runs measured here drifted apart by one or two.
 */
public final class Tolerance {
    private Tolerance() {
    }

    public static double of(Precision precision) {
        return precision == Precision.FLOAT32 ? 1e-6 : 1e-9;
    }
}
