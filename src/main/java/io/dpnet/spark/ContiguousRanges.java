package io.dpnet.spark;

import io.dpnet.data.DataBlock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import scala.Tuple2;

/**
 * Global sample indices {@code 0..total-1} cut into {@code parts} contiguous ranges of nearly equal size, the first
 * ones one larger: the cut {@code DataBlock.split} makes, so that data packed from a DataFrame is laid out on the
 * partitions as data read on the driver is. As a Partitioner, it sends a slice keyed by its range's number there.
 */
final class ContiguousRanges extends Partitioner {
    private static final long serialVersionUID = 1L;

    private final long total;
    private final int parts;
    private final long base;
    private final long extra;

    ContiguousRanges(long total, int parts) {
        if (parts < 1 || parts > total) {
            throw new IllegalArgumentException("cannot cut " + total + " samples into " + parts + " non-empty ranges");
        }
        this.total = total;
        this.parts = parts;
        this.base = total / parts;
        this.extra = total % parts;
    }

    long start(int range) {
        return range * base + Math.min(range, extra);
    }

    long end(int range) {
        return range + 1 == parts ? total : start(range + 1);
    }

    int rangeOf(long index) {
        long inLarger = (base + 1) * extra;
        return (int) (index < inLarger ? index / (base + 1) : extra + (index - inLarger) / base);
    }

    /** The block (global indices set) cut where ranges begin, each piece keyed by its range. */
    Iterator<Tuple2<Integer, DataBlock>> slices(DataBlock block) {
        List<Tuple2<Integer, DataBlock>> out = new ArrayList<>();
        long first = block.firstIndex();
        long last = first + block.size();
        for (long at = first; at < last; ) {
            int range = rangeOf(at);
            long to = Math.min(last, end(range));
            out.add(new Tuple2<>(range, block.slice((int) (at - first), (int) (to - first))));
            at = to;
        }
        return out.iterator();
    }

    @Override
    public int numPartitions() {
        return parts;
    }

    @Override
    public int getPartition(Object key) {
        return (Integer) key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContiguousRanges r && r.total == total && r.parts == parts;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(total) * 31 + parts;
    }
}
