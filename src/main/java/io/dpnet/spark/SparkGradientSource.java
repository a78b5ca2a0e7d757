package io.dpnet.spark;

import io.dpnet.train.Evaluation;
import io.dpnet.train.GradientSource;
import io.dpnet.train.GradientSum;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * One Spark job per step: broadcast the weights, let every cached shard sum gradient and loss over its share of the
 * global mini-batch, add the sums up with {@code treeReduce}, and release the broadcast.
 */
public final class SparkGradientSource implements GradientSource {
    private final JavaSparkContext sc;
    private final ShardedData data;
    private final int depth;

    public SparkGradientSource(JavaSparkContext sc, ShardedData data) {
        this.sc = sc;
        this.data = data;
        this.depth = data.partitions() > 16 ? 3 : 2;
    }

    @Override
    public GradientSum stepGradient(double[] params, int epoch, int step) {
        sc.setJobDescription("dpnet: epoch " + (epoch + 1) + ", step " + (step + 1));
        Broadcast<double[]> weights = sc.broadcast(params);
        try {
            return data.shards()
                    .map(shard -> shard.stepGradient(weights.value(), epoch, step))
                    .treeReduce(GradientSum::add, depth);
        } finally {
            weights.destroy();
        }
    }

    @Override
    public Evaluation evaluate(double[] params) {
        return SparkEvaluation.evaluate(sc, data, params);
    }
}
