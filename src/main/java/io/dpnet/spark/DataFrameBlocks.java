package io.dpnet.spark;

import io.dpnet.data.DataBlock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * A training DataFrame as packed blocks on the executors, laid out as {@code SparkTraining} lays out data read on
 * the driver: the rows in the DataFrame's order, cut into contiguous, nearly equal partitions. So no row passes
 * through the driver, every partition has its fair share of each step, and the model does not depend on how the
 * DataFrame happened to be partitioned.
 *
 * <p>Two passes. First each DataFrame partition is checked and packed where it is, and cached; the driver learns
 * only each partition's row count, or its first bad row, which fails the fit before any training. Then the packed
 * blocks are cut at the target boundaries and the pieces shuffled to their partitions, where they are joined into
 * one block each.
 */
final class DataFrameBlocks implements AutoCloseable {
    private final JavaRDD<PackedPartition> packed;
    private final JavaRDD<DataBlock> blocks;
    private final long count;

    private DataFrameBlocks(JavaRDD<PackedPartition> packed, JavaRDD<DataBlock> blocks, long count) {
        this.packed = packed;
        this.blocks = blocks;
        this.count = count;
    }

    /**
     * Checks and packs {@code rows} ({@code features, label}) into {@code partitions} partitions (fewer if there are
     * fewer rows); throws IllegalArgumentException naming the first bad row.
     */
    static DataFrameBlocks pack(Dataset<Row> rows, RowCheck check, int partitions) {
        JavaRDD<PackedPartition> packed = rows.javaRDD()
                .mapPartitionsWithIndex((index, it) -> List.of(PartitionPacker.pack(index, it, check)).iterator(),
                        true)
                .setName("dpnet: DataFrame partitions, packed")
                .persist(StorageLevel.MEMORY_ONLY());
        long[] offsets;
        long total = 0;
        try {
            List<PackedPartition> summaries = packed.map(PackedPartition::summary).collect();
            offsets = new long[summaries.size()];
            for (PackedPartition s : summaries) {
                if (s.failed()) {
                    throw new IllegalArgumentException(s.problem + " (row " + (total + s.problemRow)
                            + " of the DataFrame, counting from 0)");
                }
                offsets[s.partition] = total;
                total += s.rows;
            }
            if (total == 0) {
                throw new IllegalArgumentException("the training DataFrame has no rows");
            }
        } catch (RuntimeException e) {
            packed.unpersist(false);
            throw e;
        }
        ContiguousRanges ranges = new ContiguousRanges(total, (int) Math.min(partitions, total));
        JavaRDD<DataBlock> blocks = packed
                .flatMapToPair(p -> ranges.slices(p.block.startingAt(offsets[p.partition])))
                .partitionBy(ranges)
                .mapPartitions(DataFrameBlocks::joined, true);
        return new DataFrameBlocks(packed, blocks, total);
    }

    /** One block per partition, global indices set; caching them is the caller's part. */
    JavaRDD<DataBlock> blocks() {
        return blocks;
    }

    long count() {
        return count;
    }

    /** The pieces of one range as one block. */
    private static Iterator<DataBlock> joined(Iterator<Tuple2<Integer, DataBlock>> received) {
        List<DataBlock> pieces = new ArrayList<>();
        received.forEachRemaining(t -> pieces.add(t._2()));
        if (pieces.isEmpty()) {
            return List.<DataBlock>of().iterator();
        }
        return List.of(DataBlock.join(pieces)).iterator();
    }

    /** Releases the packed DataFrame partitions; call once the blocks are cached (or when giving up). */
    @Override
    public void close() {
        packed.unpersist(false);
    }
}
