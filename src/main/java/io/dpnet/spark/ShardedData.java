package io.dpnet.spark;

import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * Shards of a data set cached on the executors, one object per partition (a partition's gradient, averaging or
 * evaluation shard), with their number of samples. Every shard keeps the global index of its first sample, which is
 * what lets the step plan ignore the partitioning.
 */
final class ShardedData<T> implements AutoCloseable {
    private final JavaRDD<T> shards;
    private final long count;
    private final AutoCloseable release;

    private ShardedData(JavaRDD<T> shards, long count, AutoCloseable release) {
        this.shards = shards;
        this.count = count;
        this.release = release;
    }

    /**
     * Persists {@code shards} at {@code level} and counts their samples ({@code size} of each), which also fills the
     * cache. {@code release} frees, at {@link #close}, what the shards' lineage needs (broadcast pieces, say).
     */
    static <T> ShardedData<T> persist(JavaRDD<T> shards, org.apache.spark.api.java.function.Function<T, Long> size,
                                      String name, StorageLevel level, AutoCloseable release) {
        shards.setName(name).persist(level);
        long count = shards.map(size).fold(0L, Long::sum);
        return new ShardedData<>(shards, count, release);
    }

    /**
     * Runs {@code job} (which must finish its Spark action) with {@code params} broadcast for the shards to read, and
     * releases the broadcast afterwards, also when the job fails.
     */
    <R> R withWeights(JavaSparkContext sc, double[] params, Function<Broadcast<double[]>, R> job) {
        Broadcast<double[]> weights = sc.broadcast(params);
        try {
            return job.apply(weights);
        } finally {
            weights.destroy();
        }
    }

    JavaRDD<T> shards() {
        return shards;
    }

    long count() {
        return count;
    }

    int partitions() {
        return shards.getNumPartitions();
    }

    @Override
    public void close() {
        shards.unpersist(false);
        try {
            release.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not release " + shards.name() + ": " + e.getMessage(), e);
        }
    }
}
