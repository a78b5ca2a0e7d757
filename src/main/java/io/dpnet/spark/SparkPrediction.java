package io.dpnet.spark;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/** Predicted classes of a cached data set, computed where the shards live and returned in sample order. */
public final class SparkPrediction {
    private SparkPrediction() {
    }

    public static int[] predict(JavaSparkContext sc, ShardedData data, double[] params) {
        sc.setJobDescription("dpnet: predict");
        List<int[]> parts = data.withWeights(sc, params,
                weights -> data.shards().map(shard -> shard.predict(weights.value())).collect());
        int[] all = new int[Math.toIntExact(data.count())];
        int at = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
