package io.dpnet.spark;

import io.dpnet.nn.optim.OptimizerSpec;
import io.dpnet.train.AveragingSource;
import io.dpnet.train.ShardAveraging;
import io.dpnet.train.StepSums;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Model averaging on Spark: one job per round broadcasts the averaged weights, lets every cached shard run its own
 * optimizer steps on its share of the round's global steps, and adds up their weighted parameters on the driver.
 */
final class SparkAveraging implements AveragingSource {
    private final JavaSparkContext sc;
    private final ShardedData<ShardAveraging> data;

    SparkAveraging(JavaSparkContext sc, ShardedData<ShardAveraging> data) {
        this.sc = sc;
        this.data = data;
    }

    @Override
    public StepSums averagingRound(double[] params, OptimizerSpec optimizer, int epoch, int firstStep,
                                   double[] rates) {
        sc.setJobDescription("dpnet: epoch " + (epoch + 1) + ", steps " + (firstStep + 1) + "-"
                + (firstStep + rates.length) + " (model averaging)");
        return BroadcastWeights.during(sc, params, weights -> PartitionSums.addUp(data.shards().map(
                shard -> shard.round(weights.value(), optimizer, epoch, firstStep, rates))));
    }
}
