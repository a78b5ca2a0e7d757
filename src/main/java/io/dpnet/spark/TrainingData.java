package io.dpnet.spark;

import io.dpnet.data.DataBlock;
import io.dpnet.data.FeatureStats;
import io.dpnet.data.HeapRoom;
import io.dpnet.data.ShardManifest;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.train.BatchPlan;
import io.dpnet.train.DataFit;
import io.dpnet.train.ShardGradient;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * What a training run on Spark learns from, in one of five forms, each checked against the network and put on the
 * executors its own way when {@link SparkTraining#open} is given it:
 * <ul>
 * <li>{@link #of(DataBlock)}: a block held by the driver, cut into a contiguous piece per partition, shipped once;</li>
 * <li>{@link #partitioned}: blocks already on the executors (e.g. computed there), with global indices set;</li>
 * <li>{@link #shards}: a sharded IDX set, as {@code generate} writes, each task reading its own shards, cached;</li>
 * <li>{@link #streamed}: the same, not cached but read from its files at every epoch, a window at a time;</li>
 * <li>{@link #frame}: a DataFrame, its rows checked and packed where they are.</li>
 * </ul>
 * Only the first passes samples through the driver.
 */
public abstract sealed class TrainingData {
    private final String name;
    private final String description;

    private TrainingData(String name, String description) {
        this.name = name;
        this.description = description;
    }

    /** A block held by the driver, named "training data" in messages. */
    public static TrainingData of(DataBlock block) {
        return of(block, "training data");
    }

    /** A block held by the driver, named {@code name} in messages (a file name, say). */
    public static TrainingData of(DataBlock block, String name) {
        return new DriverBlock(block, name);
    }

    /**
     * Blocks that live on the executors, one or more per partition, which together hold global indices
     * {@code 0..count-1}, each once, and fit the network: nothing is collected to check that, so the caller does.
     */
    public static TrainingData partitioned(JavaRDD<DataBlock> blocks, long count) {
        return new PartitionedBlocks(blocks, count);
    }

    /** A sharded IDX set in folder {@code dir}: each task reads its own shards, checks their labels, caches them. */
    public static TrainingData shards(String dir, ShardManifest manifest) {
        return new ShardSet(dir, manifest);
    }

    /**
     * A sharded IDX set streamed from its files at every epoch instead of cached, for sets larger than the executors'
     * memory: about {@code windowSamples} samples (over all partitions) are held and shuffled together at a time, so
     * the model differs from a cached run's, but not with the number of partitions. Only small descriptions are
     * cached, in memory whatever the run's storage level.
     */
    public static TrainingData streamed(String dir, ShardManifest manifest, long windowSamples) {
        return new StreamedShardSet(dir, manifest, windowSamples);
    }

    /**
     * A DataFrame's vector column {@code featuresCol} and numeric column {@code labelCol}: every row is checked, and an
     * error names the first bad one, before training; the rows are packed on the executors and laid out in
     * contiguous partitions in the DataFrame's order, so the model does not depend on its partitioning.
     */
    public static TrainingData frame(Dataset<Row> frame, String featuresCol, String labelCol) {
        return frame(frame, featuresCol, labelCol, "the DataFrame");
    }

    /** The same, named {@code name} in messages (where it was read from, say). */
    public static TrainingData frame(Dataset<Row> frame, String featuresCol, String labelCol, String name) {
        return new DataFrameRows(frame, featuresCol, labelCol, name);
    }

    /** How messages name the data. */
    public String name() {
        return name;
    }

    /** The number of samples, e.g. "60,000 samples", or the name where it is known only once read (a DataFrame). */
    public String describe() {
        return description;
    }

    /** Fails, naming the data, unless it fits {@code network} as far as can be told before reading it. */
    abstract void checkFits(NetworkSpec network);

    /**
     * Fails, naming the data, where it certainly cannot fit the memory that {@link #place} and caching with
     * {@code options} put it in ({@link CacheRoom}); once Spark has started, before the first job.
     */
    void checkRoom(JavaSparkContext sc, RunOptions options) {
        // Data placed by the executors from their own sources (blocks, DataFrame rows) is not known here in size.
    }

    /** The data on the executors in about {@code partitions} partitions, not yet cached. */
    abstract Placed place(JavaSparkContext sc, NetworkSpec network, int partitions);

    /** The statistics of the data, gathered where it lives in one pass and merged in partition order. */
    FeatureStats summarize(Placed placed) {
        return merged(placed.blocks.map(FeatureStats::of).collect());
    }

    static FeatureStats merged(List<FeatureStats> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("the training data holds no samples");
        }
        return FeatureStats.merge(parts);
    }

    /** The gradient shards that will be cached, one or a few per partition: by default, one per placed block. */
    JavaRDD<ShardGradient> gradients(Placed placed, NetworkSpec network, Precision precision, BatchPlan plan,
                                     int partitions) {
        return placed.blocks.map(block -> ShardGradient.of(block, network, plan, precision));
    }

    /** The name of the cached shards, as the Spark UI shows it. */
    String cacheName() {
        return "dpnet training data";
    }

    /** Where the shards are cached. */
    StorageLevel storageLevel(RunOptions options) {
        return options.storageLevel();
    }

    /**
     * Training data placed on the executors, not yet cached: blocks with their global indices and their sample count,
     * and what to release once the shards made of them are cached, and once those are unpersisted.
     */
    static final class Placed implements AutoCloseable {
        final JavaRDD<DataBlock> blocks;
        final long count;
        private final Runnable afterCaching;
        private final Runnable atClose;

        Placed(JavaRDD<DataBlock> blocks, long count, Runnable afterCaching, Runnable atClose) {
            this.blocks = blocks;
            this.count = count;
            this.afterCaching = afterCaching;
            this.atClose = atClose;
        }

        Placed(JavaRDD<DataBlock> blocks, long count) {
            this(blocks, count, () -> { }, () -> { });
        }

        /** Once the shards are cached: frees what only filling the cache needed. */
        void cached() {
            afterCaching.run();
        }

        /** Frees what the cached shards' lineage needs, once they are unpersisted; again is a no-op. */
        @Override
        public void close() {
            atClose.run();
        }
    }

    private static String samples(long count) {
        return String.format("%,d samples", count);
    }

    private static final class DriverBlock extends TrainingData {
        private final DataBlock block;

        DriverBlock(DataBlock block, String name) {
            super(name, samples(block.size()));
            this.block = block;
        }

        @Override
        void checkFits(NetworkSpec network) {
            DataFit.check(block, network, name());
        }

        @Override
        void checkRoom(JavaSparkContext sc, RunOptions options) {
            CacheRoom.checkPieces(block, name(), options.partitions(),
                    !sc.getConf().getBoolean("spark.broadcast.compress", true), HeapRoom.driver());
        }

        /** On the driver, which holds the block: no job. */
        @Override
        FeatureStats summarize(Placed placed) {
            return FeatureStats.of(block);
        }

        @Override
        Placed place(JavaSparkContext sc, NetworkSpec network, int partitions) {
            BroadcastBlocks pieces = BroadcastBlocks.split(sc, block, partitions);
            return new Placed(pieces.blocks(), block.size(), () -> { }, pieces::close);
        }
    }

    private static final class PartitionedBlocks extends TrainingData {
        private final JavaRDD<DataBlock> blocks;
        private final long count;

        PartitionedBlocks(JavaRDD<DataBlock> blocks, long count) {
            super("training data", samples(count));
            this.blocks = blocks;
            this.count = count;
        }

        @Override
        void checkFits(NetworkSpec network) {
            // Nothing here to check without reading the blocks: the caller has checked them.
        }

        @Override
        Placed place(JavaSparkContext sc, NetworkSpec network, int partitions) {
            return new Placed(blocks, count);
        }
    }

    private static sealed class ShardSet extends TrainingData {
        final String dir;
        final ShardManifest manifest;

        ShardSet(String dir, ShardManifest manifest) {
            super(dir, samples(manifest.totalCount()));
            this.dir = dir;
            this.manifest = manifest;
        }

        @Override
        void checkFits(NetworkSpec network) {
            long values = (long) manifest.rows() * manifest.cols();
            if (values != network.inputSize()) {
                throw new IllegalArgumentException(dir + " holds " + manifest.rows() + "x" + manifest.cols()
                        + " images, " + values + " values, but the network takes " + network.inputSize());
            }
        }

        @Override
        void checkRoom(JavaSparkContext sc, RunOptions options) {
            CacheRoom.checkShards(dir, manifest, sc.isLocal(), storageLevel(options),
                    sc.getConf().getSizeAsBytes("spark.executor.memory", "1g"), HeapRoom.driver());
        }

        /** Shard by shard as the files are read, whether the set is then cached or streamed. */
        @Override
        FeatureStats summarize(Placed placed) {
            return merged(ShardSets.stats(JavaSparkContext.fromSparkContext(placed.blocks.context()), dir, manifest));
        }

        @Override
        Placed place(JavaSparkContext sc, NetworkSpec network, int partitions) {
            return new Placed(ShardSets.blocks(sc, dir, manifest, partitions, network.numClasses()),
                    manifest.totalCount());
        }
    }

    private static final class StreamedShardSet extends ShardSet {
        private final long windowSamples;

        StreamedShardSet(String dir, ShardManifest manifest, long windowSamples) {
            super(dir, manifest);
            this.windowSamples = windowSamples;
        }

        @Override
        JavaRDD<ShardGradient> gradients(Placed placed, NetworkSpec network, Precision precision, BatchPlan plan,
                                         int partitions) {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(placed.blocks.context());
            return ShardSets.streamed(sc, dir, manifest, partitions, network, precision, plan, windowSamples);
        }

        /** A window at a time: {@link ShardSets#streamed} bounds it. */
        @Override
        void checkRoom(JavaSparkContext sc, RunOptions options) {
        }

        @Override
        String cacheName() {
            return "dpnet training data (streamed)";
        }

        /** Only small descriptions are cached: in memory, whatever the run's storage level. */
        @Override
        StorageLevel storageLevel(RunOptions options) {
            return StorageLevel.MEMORY_ONLY();
        }
    }

    private static final class DataFrameRows extends TrainingData {
        private final Dataset<Row> frame;
        private final String featuresCol;
        private final String labelCol;

        DataFrameRows(Dataset<Row> frame, String featuresCol, String labelCol, String name) {
            super(name, name);
            this.frame = frame;
            this.featuresCol = featuresCol;
            this.labelCol = labelCol;
        }

        @Override
        void checkFits(NetworkSpec network) {
            DataFrames.checkColumns(frame, featuresCol, labelCol);
        }

        @Override
        Placed place(JavaSparkContext sc, NetworkSpec network, int partitions) {
            DataFrameBlocks packed = DataFrames.pack(frame, featuresCol, labelCol, network, partitions);
            return new Placed(packed.blocks(), packed.count(), packed::close, packed::close);
        }
    }
}
