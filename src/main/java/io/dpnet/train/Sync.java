package io.dpnet.train;

import java.util.Locale;

/**
 * How partitions agree on the weights. GRADIENT (the default): every step's gradient is averaged over the global
 * mini-batch, exactly synchronous SGD. AVERAGE: each partition runs several optimizer steps of its own on its share
 * of consecutive global batches, then the models are averaged (as SparkNet and DL4J's parameter averaging did): fewer
 * synchronizations, at the price of a model that depends on the partitioning.
 */
public enum Sync {
    GRADIENT, AVERAGE;

    public static Sync parse(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "gradient", "gradients":
                return GRADIENT;
            case "average", "averaging", "model-averaging":
                return AVERAGE;
            default:
                throw new IllegalArgumentException("unknown sync mode '" + name + "' (expected gradient or average)");
        }
    }
}
