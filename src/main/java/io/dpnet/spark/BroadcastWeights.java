package io.dpnet.spark;

import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/** Weights broadcast for one Spark action and destroyed right after it, also when it fails. */
final class BroadcastWeights {
    private BroadcastWeights() {
    }

    /** Runs {@code action}, which must finish its Spark job, with {@code params} broadcast for the tasks to read. */
    static <R> R during(JavaSparkContext sc, double[] params, Function<Broadcast<double[]>, R> action) {
        Broadcast<double[]> weights = sc.broadcast(params);
        try {
            return action.apply(weights);
        } finally {
            weights.destroy();
        }
    }
}
