package io.dpnet.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * Shards of a data set cached on the executors, one object or a few per partition (gradient, averaging or
 * evaluation shards), with their number of samples. Every shard keeps the global index of its first sample, which is
 * what lets the step plan ignore the partitioning.
 */
final class ShardedData<T> implements AutoCloseable {
    private final JavaRDD<T> shards;
    private final long count;
    private final Runnable release;

    private ShardedData(JavaRDD<T> shards, long count, Runnable release) {
        this.shards = shards;
        this.count = count;
        this.release = release;
    }

    /**
     * Persists {@code shards} at {@code level} and counts their samples ({@code size} of each), which also fills the
     * cache. {@code release} frees, at {@link #close} (or when counting fails), what the shards' lineage needs
     * (broadcast pieces, say).
     */
    static <T> ShardedData<T> persist(JavaRDD<T> shards, org.apache.spark.api.java.function.Function<T, Long> size,
                                      String name, StorageLevel level, Runnable release) {
        shards.setName(name).persist(level);
        try {
            return new ShardedData<>(shards, shards.map(size).fold(0L, Long::sum), release);
        } catch (RuntimeException e) {
            shards.unpersist(false);
            release.run();
            throw e;
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
        release.run();
    }
}
