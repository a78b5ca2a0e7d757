package io.dpnet.spark;

import io.dpnet.train.Evaluation;
import org.apache.spark.api.java.JavaSparkContext;

/** Loss and confusion matrix of given weights over a cached data set, computed where the shards live. */
public final class SparkEvaluation {
    private SparkEvaluation() {
    }

    public static Evaluation evaluate(JavaSparkContext sc, ShardedData data, double[] params) {
        sc.setJobDescription("dpnet: evaluate " + data.shards().name());
        return data.withWeights(sc, params,
                weights -> data.shards().map(shard -> shard.evaluate(weights.value())).treeReduce(Evaluation::add));
    }
}
