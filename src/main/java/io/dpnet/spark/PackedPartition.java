package io.dpnet.spark;

import io.dpnet.data.DataBlock;
import java.io.Serializable;

/**
 * One DataFrame partition's rows packed into a {@link DataBlock} (global indices not yet known), or the first problem
 * found in them. A class, not a record: Spark's Kryo serializer cannot rebuild records.
 */
final class PackedPartition implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition;
    final long rows;
    /** Null once a problem is found, and in the summaries sent to the driver. */
    final DataBlock block;
    /** The first bad row's index within the partition, or -1. */
    final long problemRow;
    final String problem;

    private PackedPartition(int partition, long rows, DataBlock block, long problemRow, String problem) {
        this.partition = partition;
        this.rows = rows;
        this.block = block;
        this.problemRow = problemRow;
        this.problem = problem;
    }

    static PackedPartition packed(int partition, DataBlock block) {
        return new PackedPartition(partition, block.size(), block, -1, null);
    }

    static PackedPartition failed(int partition, long row, String problem) {
        return new PackedPartition(partition, row, null, row, problem);
    }

    boolean failed() {
        return problem != null;
    }

    /** The same without the data: what the driver needs to place the partition or report its problem. */
    PackedPartition summary() {
        return new PackedPartition(partition, rows, null, problemRow, problem);
    }
}
