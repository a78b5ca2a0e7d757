package io.dpnet.spark;

import io.dpnet.data.DataBlock;
import io.dpnet.data.DataCheck;
import io.dpnet.data.IdxShards;
import io.dpnet.data.ShardManifest;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.train.BatchPlan;
import io.dpnet.train.StreamedSamples;
import io.dpnet.train.TrainingShard;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * A sharded IDX set (as {@code generate} writes) read where it will be cached: each task reads its shards from the
 * file system itself, so no sample passes through the driver and the set may be far larger than the driver's memory.
 */
public final class ShardSets {
    private ShardSets() {
    }

    /**
     * The set's shards as one block per partition (at most {@code partitions}), each joining consecutive shards with
     * their global indices. Each shard is checked on reading to hold labels below {@code classes}.
     */
    public static JavaRDD<DataBlock> blocks(JavaSparkContext sc, String dir, ShardManifest manifest, int partitions,
                                            int classes) {
        int shards = manifest.shardCount();
        // Consecutive shards per partition, joined into one block: one matrix product per step and partition.
        return sc.parallelize(IntStream.range(0, shards).boxed().toList(), Math.max(1, Math.min(partitions, shards)))
                .mapPartitions(indices -> {
                    List<DataBlock> read = new ArrayList<>();
                    while (indices.hasNext()) {
                        int k = indices.next();
                        DataBlock block = IdxShards.readShard(dir, manifest, k, SparkHadoop.inTask());
                        DataCheck.labelsInRange(block, classes, dir + ", shard " + k);
                        read.add(block);
                    }
                    return read.isEmpty() ? Collections.emptyIterator() : List.of(DataBlock.join(read)).iterator();
                });
    }

    /**
     * The set as shards that stream from its files at every epoch instead of being cached: each of at most
     * {@code partitions} partitions owns consecutive shards and holds about {@code windowSamples} / partitions samples
     * at a time ({@link StreamedSamples}). Only these small descriptions are cached.
     */
    public static ShardedData streamed(JavaSparkContext sc, String dir, ShardManifest manifest, int partitions,
                                       NetworkSpec spec, BatchPlan plan, long windowSamples) {
        int shards = manifest.shardCount();
        int parts = Math.max(1, Math.min(partitions, shards));
        long[] counts = new long[shards];
        for (int k = 0; k < shards; k++) {
            counts[k] = manifest.count(k);
        }
        int slice = StreamedSamples.sliceLength(windowSamples, shards);
        int classes = spec.numClasses();
        StreamedSamples.Opener opener = k -> IdxShards.openStream(dir, manifest, k, SparkHadoop.inTask());
        // Built in the tasks from a closure: Java serialization carries the opener, which Kryo could not.
        JavaRDD<TrainingShard> described = sc.parallelize(IntStream.range(0, parts).boxed().toList(), parts)
                .map(p -> TrainingShard.streamed(new StreamedSamples(counts, (int) ((long) shards * p / parts),
                        (int) ((long) shards * (p + 1) / parts), slice, classes, plan, opener, dir), spec, plan));
        return ShardedData.persist(described, spec, "dpnet training data (streamed)",
                StorageLevel.MEMORY_ONLY());
    }
}
