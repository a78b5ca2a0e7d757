package io.dpnet.spark;

import io.dpnet.data.DataBlock;
import io.dpnet.data.DataCheck;
import io.dpnet.data.FeatureStats;
import io.dpnet.data.IdxShards;
import io.dpnet.data.ShardManifest;
import io.dpnet.data.ShardStream;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.train.BatchPlan;
import io.dpnet.train.ShardGradient;
import io.dpnet.train.StreamedSamples;
import io.dpnet.train.WindowedOrder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A sharded IDX set (as {@code generate} writes) read where it will be cached: each task reads its shards from the
 * file system itself, so no sample passes through the driver and the set may be far larger than the driver's memory.
 */
final class ShardSets {
    private ShardSets() {
    }

    /** Joined blocks stay within this many values (bytes of pixels): Java arrays end below 2^31. */
    static final long MAX_BLOCK_VALUES = 1L << 30;

    /**
     * The set's shards in at most {@code partitions} partitions, each partition joining its consecutive shards into
     * as few blocks as {@link #MAX_BLOCK_VALUES} allows, with their global indices. Each shard is checked on reading
     * to hold labels below {@code classes}.
     */
    static JavaRDD<DataBlock> blocks(JavaSparkContext sc, String dir, ShardManifest manifest, int partitions,
                                     int classes) {
        return blocks(sc, dir, manifest, partitions, classes, MAX_BLOCK_VALUES);
    }

    static JavaRDD<DataBlock> blocks(JavaSparkContext sc, String dir, ShardManifest manifest, int partitions,
                                     int classes, long maxBlockValues) {
        int shards = manifest.shardCount();
        // Few large blocks: one matrix product per step and block.
        return sc.parallelize(IntStream.range(0, shards).boxed().toList(), Math.max(1, Math.min(partitions, shards)))
                .mapPartitions(indices -> {
                    List<DataBlock> joined = new ArrayList<>();
                    List<DataBlock> group = new ArrayList<>();
                    long values = 0;
                    while (indices.hasNext()) {
                        int k = indices.next();
                        DataBlock block = IdxShards.readShard(dir, manifest, k, SparkHadoop.inTask());
                        DataCheck.labelsInRange(block, classes, dir + ", shard " + k);
                        long size = (long) block.size() * block.featureCount();
                        if (!group.isEmpty() && values + size > maxBlockValues) {
                            joined.add(DataBlock.join(group));
                            group = new ArrayList<>();
                            values = 0;
                        }
                        group.add(block);
                        values += size;
                    }
                    if (!group.isEmpty()) {
                        joined.add(DataBlock.join(group));
                    }
                    return joined.iterator();
                });
    }

    /** The statistics of every shard, in shard order, each task reading its shards from the files. */
    static List<FeatureStats> stats(JavaSparkContext sc, String dir, ShardManifest manifest) {
        int shards = manifest.shardCount();
        return sc.parallelize(IntStream.range(0, shards).boxed().toList(), Math.max(1, Math.min(
                        sc.defaultParallelism(), shards)))
                .map(k -> FeatureStats.of(IdxShards.readShard(dir, manifest, k, SparkHadoop.inTask()))).collect();
    }

    /**
     * The set as shards that stream from its files at every epoch instead of being cached: each of at most
     * {@code partitions} partitions owns consecutive shards and holds about {@code windowSamples} / partitions samples
     * at a time ({@link StreamedSamples}): small descriptions, for the caller to cache.
     */
    static JavaRDD<ShardGradient> streamed(JavaSparkContext sc, String dir, ShardManifest manifest, int partitions,
                                       NetworkSpec spec, Precision precision, BatchPlan plan,
                                       long windowSamples) {
        int shards = manifest.shardCount();
        int parts = Math.max(1, Math.min(partitions, shards));
        long[] counts = new long[shards];
        for (int k = 0; k < shards; k++) {
            counts[k] = manifest.count(k);
        }
        int slice = StreamedSamples.sliceLength(windowSamples, shards);
        if ((long) slice * manifest.rows() * manifest.cols() > MAX_BLOCK_VALUES) {
            throw new IllegalArgumentException("a stream window of " + windowSamples + " samples over " + shards
                    + " shards reads slices of " + slice + " images per shard, too large for one array: use a "
                    + "smaller window");
        }
        new WindowedOrder(counts, slice, plan.seed(), 0); // its own checks, here on the driver
        int classes = spec.numClasses();
        StreamedSamples.Opener opener = new ShardOpener(dir);
        return sc.parallelize(IntStream.range(0, parts).boxed().toList(), parts)
                .map(p -> ShardGradient.streamed(new StreamedSamples(counts, (int) ((long) shards * p / parts),
                        (int) ((long) shards * (p + 1) / parts), slice, classes, plan, opener, dir), spec, plan,
                        precision));
    }

    /**
     * Opens a shard of a set for streaming, in a task. It carries only the folder and reads the manifest there, once:
     * the cached shards holding it may be serialized with Kryo, which cannot rebuild the manifest (a record).
     */
    static final class ShardOpener implements StreamedSamples.Opener {
        private static final long serialVersionUID = 1L;
        private final String dir;
        private transient ShardManifest manifest;

        ShardOpener(String dir) {
            this.dir = dir;
        }

        @Override
        public ShardStream open(int shard) throws IOException {
            Configuration conf = SparkHadoop.inTask();
            if (manifest == null) {
                manifest = IdxShards.readManifest(dir, conf);
            }
            return IdxShards.openStream(dir, manifest, shard, conf);
        }
    }
}
