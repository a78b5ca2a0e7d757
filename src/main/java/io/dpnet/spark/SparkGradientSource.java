package io.dpnet.spark;

import io.dpnet.nn.optim.OptimizerSpec;
import io.dpnet.train.GradientSource;
import io.dpnet.train.StepSums;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One Spark job per step: broadcast the weights, let every cached shard sum gradient and loss over its share of the
 * global mini-batch, add the sums up on the driver, and release the broadcast.
 */
public final class SparkGradientSource implements GradientSource {
    private final JavaSparkContext sc;
    private final ShardedData data;
    /**
     * Up to this many partitions the driver adds the partial sums itself, which is cheaper than a tree (about 8 ms a
     * step at 2 partitions) and reproducible to the bit; above it, {@code treeReduce} spares the driver.
     */
    static final int TREE_ABOVE = 8;

    public SparkGradientSource(JavaSparkContext sc, ShardedData data) {
        this.sc = sc;
        this.data = data;
    }

    @Override
    public StepSums stepGradient(double[] params, int epoch, int step) {
        sc.setJobDescription("dpnet: epoch " + (epoch + 1) + ", step " + (step + 1));
        return data.withWeights(sc, params,
                weights -> addUp(data.shards().map(shard -> shard.stepGradient(weights.value(), epoch, step))));
    }

    @Override
    public StepSums averagingRound(double[] params, OptimizerSpec optimizer, int epoch, int firstStep,
                                   double[] rates) {
        sc.setJobDescription("dpnet: epoch " + (epoch + 1) + ", steps " + (firstStep + 1) + "-"
                + (firstStep + rates.length) + " (model averaging)");
        return data.withWeights(sc, params, weights -> addUp(data.shards().map(
                shard -> shard.averagingRound(weights.value(), optimizer, epoch, firstStep, rates))));
    }

    private StepSums addUp(JavaRDD<StepSums> sums) {
        if (data.partitions() > TREE_ABOVE) {
            return sums.treeReduce(StepSums::add);
        }
        // Collected in partition order and added in that order: bit-for-bit the same sum on every run.
        StepSums total = null;
        for (StepSums part : sums.collect()) {
            total = total == null ? part : total.add(part);
        }
        return total;
    }
}
