package io.dpnet.spark;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.train.BatchPlan;
import io.dpnet.train.TrainingShard;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * A data set spread over Spark partitions as one packed {@link TrainingShard} each, cached once. Every shard keeps the
 * global index of its first sample, which is what lets the step plan ignore the partitioning.
 */
public final class ShardedData implements AutoCloseable {
    public static final String STORAGE_PROPERTY = "spark.dpnet.storageLevel";
    private final JavaRDD<TrainingShard> shards;
    private final NetworkSpec spec;
    private final long count;
    private final List<Broadcast<DataBlock>> pieces = new ArrayList<>();

    private ShardedData(JavaRDD<TrainingShard> shards, NetworkSpec spec, long count) {
        this.shards = shards;
        this.spec = spec;
        this.count = count;
    }

    /**
     * Splits a block held by the driver into {@code partitions} contiguous shards and caches them. Each piece travels
     * as a broadcast of its own rather than inside the RDD's partitions: the partition objects ride along with every
     * task of every step, and must stay small.
     */
    public static ShardedData distribute(JavaSparkContext sc, DataBlock data, NetworkSpec spec, BatchPlan plan,
                                         int partitions, String name) {
        int parts = Math.max(1, Math.min(partitions, data.size()));
        List<Broadcast<DataBlock>> pieces = new ArrayList<>();
        for (DataBlock piece : data.split(parts)) {
            pieces.add(sc.broadcast(piece));
        }
        List<Integer> indices = IntStream.range(0, parts).boxed().toList();
        JavaRDD<DataBlock> blocks = sc.parallelize(indices, parts).map(i -> pieces.get(i).value());
        ShardedData sharded = cache(blocks, spec, plan, name);
        sharded.pieces.addAll(pieces);
        return sharded;
    }

    /** Shards for evaluation and prediction only: they have no batch plan, so they cannot train. */
    public static ShardedData forInference(JavaSparkContext sc, DataBlock data, NetworkSpec spec, int partitions,
                                           String name) {
        return distribute(sc, data, spec, null, partitions, name);
    }

    /**
     * Caches already partitioned blocks (one or more per partition, with their global indices set) at the storage
     * level of {@link #storageLevel}.
     */
    public static ShardedData cache(JavaRDD<DataBlock> blocks, NetworkSpec spec, BatchPlan plan, String name) {
        return persist(blocks.map(block -> new TrainingShard(block, spec, plan)), spec, name,
                storageLevel(JavaSparkContext.fromSparkContext(blocks.context())));
    }

    /** Persists shards at {@code level} and counts their samples, which also fills the cache. */
    static ShardedData persist(JavaRDD<TrainingShard> shards, NetworkSpec spec, String name, StorageLevel level) {
        shards.setName(name).persist(level);
        long count = shards.map(TrainingShard::size).fold(0L, Long::sum);
        return new ShardedData(shards, spec, count);
    }

    /**
     * Where the shards are cached: Spark's storage level named by the property {@value #STORAGE_PROPERTY} (this
     * thread's local property first, then the application's), MEMORY_ONLY by default. MEMORY_AND_DISK spills what does
     * not fit; DISK_ONLY keeps the executors' memory for computing, and a task then reads its shard from disk once per
     * epoch under the barrier exchange (once per step under one job per step).
     */
    public static StorageLevel storageLevel(JavaSparkContext sc) {
        return parseStorageLevel(SparkDefaults.setting(sc, STORAGE_PROPERTY, "MEMORY_ONLY"));
    }

    /** A storage level by Spark's name, case and dashes forgiven ({@code memory-and-disk}). */
    public static StorageLevel parseStorageLevel(String name) {
        try {
            return StorageLevel.fromString(name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown storage level '" + name + "' (expected MEMORY_ONLY, "
                    + "MEMORY_AND_DISK, DISK_ONLY, MEMORY_ONLY_SER or MEMORY_AND_DISK_SER)");
        }
    }

    /**
     * Runs {@code job} (which must finish its Spark action) with {@code params} broadcast for the shards to read, and
     * releases the broadcast afterwards, also when the job fails.
     */
    public <R> R withWeights(JavaSparkContext sc, double[] params, Function<Broadcast<double[]>, R> job) {
        Broadcast<double[]> weights = sc.broadcast(params);
        try {
            return job.apply(weights);
        } finally {
            weights.destroy();
        }
    }

    public JavaRDD<TrainingShard> shards() {
        return shards;
    }

    public NetworkSpec spec() {
        return spec;
    }

    public long count() {
        return count;
    }

    public int partitions() {
        return shards.getNumPartitions();
    }

    @Override
    public void close() {
        shards.unpersist(false);
        for (Broadcast<DataBlock> piece : pieces) {
            piece.destroy();
        }
    }
}
