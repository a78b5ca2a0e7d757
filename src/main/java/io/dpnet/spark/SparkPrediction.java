package io.dpnet.spark;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/** Predicted classes of a cached data set, computed where the shards live and returned in sample order. */
public final class SparkPrediction {
    private SparkPrediction() {
    }

    public static int[] predict(JavaSparkContext sc, ShardedData data, double[] params) {
        sc.setJobDescription("dpnet: predict");
        Broadcast<double[]> weights = sc.broadcast(params);
        try {
            List<int[]> parts = data.shards().map(shard -> shard.predict(weights.value())).collect();
            int[] all = new int[Math.toIntExact(data.count())];
            int at = 0;
            for (int[] part : parts) {
                System.arraycopy(part, 0, all, at, part.length);
                at += part.length;
            }
            return all;
        } finally {
            weights.destroy();
        }
    }
}
