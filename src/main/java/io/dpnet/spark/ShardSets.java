package io.dpnet.spark;

import io.dpnet.data.DataBlock;
import io.dpnet.data.IdxShards;
import io.dpnet.data.InvalidDataException;
import io.dpnet.data.ShardManifest;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A sharded IDX set (as {@code generate} writes) read where it will be cached: each task reads its shards from the
 * file system itself, so no sample passes through the driver and the set may be far larger than the driver's memory.
 */
public final class ShardSets {
    private ShardSets() {
    }

    /**
     * The set's shards as blocks with their global indices, consecutive shards in each of at most {@code partitions}
     * partitions. Each block is checked on reading to hold labels below {@code classes}.
     */
    public static JavaRDD<DataBlock> blocks(JavaSparkContext sc, String dir, ShardManifest manifest, int partitions,
                                            int classes) {
        int shards = manifest.shardCount();
        return sc.parallelize(IntStream.range(0, shards).boxed().toList(), Math.max(1, Math.min(partitions, shards)))
                .map(k -> {
                    DataBlock block = IdxShards.readShard(dir, manifest, k, ExecutorHadoop.configuration());
                    if (block.size() > 0 && block.maxLabel() >= classes) {
                        throw new InvalidDataException(dir + ", shard " + k + ": label " + block.maxLabel()
                                + " is out of range for a network with " + classes + " classes");
                    }
                    return block;
                });
    }
}
