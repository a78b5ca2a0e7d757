package io.dpnet.spark;

import io.dpnet.data.DataBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * A block held by the driver, cut into contiguous pieces, one per partition. Each piece travels as a broadcast of its
 * own rather than inside the RDD's partitions: the partition objects ride along with every task of every step, and
 * must stay small. The broadcasts live until {@link #close}, as cached partitions may need them again.
 */
final class BroadcastBlocks implements AutoCloseable {
    private final List<Broadcast<DataBlock>> pieces;
    private final JavaRDD<DataBlock> blocks;
    private boolean closed;

    private BroadcastBlocks(List<Broadcast<DataBlock>> pieces, JavaRDD<DataBlock> blocks) {
        this.pieces = pieces;
        this.blocks = blocks;
    }

    /** {@code data} in {@code partitions} pieces, fewer if it has fewer samples. */
    static BroadcastBlocks split(JavaSparkContext sc, DataBlock data, int partitions) {
        int parts = Math.max(1, Math.min(partitions, data.size()));
        List<Broadcast<DataBlock>> pieces = new ArrayList<>();
        try {
            for (DataBlock piece : data.split(parts)) {
                pieces.add(sc.broadcast(piece));
            }
        } catch (RuntimeException e) {
            pieces.forEach(Broadcast::destroy);
            throw e;
        }
        List<Integer> indices = IntStream.range(0, parts).boxed().toList();
        return new BroadcastBlocks(pieces, sc.parallelize(indices, parts).map(i -> pieces.get(i).value()));
    }

    /** One block per partition, with its global indices; not cached. */
    JavaRDD<DataBlock> blocks() {
        return blocks;
    }

    /** Destroys the pieces; again is a no-op. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Broadcast<DataBlock> piece : pieces) {
            piece.destroy();
        }
    }
}
