package io.dpnet.spark;

import io.dpnet.nn.Precision;
import io.dpnet.train.ShardGradient;
import io.dpnet.train.StepSums;
import java.util.Iterator;
import java.util.List;

/**
 * The order in which the ring exchange adds the partitions' sums, written down once so that every way of adding them
 * gives the same bits. The vector is cut into one chunk per partition; chunk c starts at partition c and travels the
 * ring c, c+1, ..., c-1, each hop adding that partition's values and, under float32, rounding the partial sum (the
 * wire carries 4-byte values). The scalars (loss, counts) are added in partition order.
 */
final class RingOrder {
    private RingOrder() {
    }

    /** First index of chunk {@code c} of {@code chunks} over a vector of {@code length} values. */
    static int chunkStart(int c, int chunks, int length) {
        return (int) ((long) length * c / chunks);
    }

    /**
     * One hop of the ring over [from, to): into[i] = partial[i - offset] + own[i], rounded to the precision (the wire
     * carries values of the precision), the partial sum that arrived first.
     */
    static void hop(double[] partial, int offset, double[] own, double[] into, int from, int to, Precision precision) {
        boolean narrow = precision == Precision.FLOAT32;
        for (int i = from; i < to; i++) {
            double sum = partial[i - offset] + own[i];
            into[i] = narrow ? (float) sum : sum;
        }
    }

    /** What the ring gives for these per-partition sums (in partition order), into {@code total}. */
    static StepSums sum(List<StepSums> partitions, Precision precision, StepSums total) {
        int p = partitions.size();
        int length = total.vector.length;
        total.clear();
        for (int c = 0; c < p; c++) {
            int from = chunkStart(c, p, length);
            int to = chunkStart(c + 1, p, length);
            System.arraycopy(partitions.get(c).vector, from, total.vector, from, to - from);
            for (int j = 1; j < p; j++) {
                hop(total.vector, 0, partitions.get((c + j) % p).vector, total.vector, from, to, precision);
            }
        }
        for (StepSums part : partitions) {
            total.addScalars(part);
        }
        return total;
    }

    /**
     * What a partition puts in at a step: its shards' sums for {@code params}, added in their order into {@code into}
     * and rounded to the precision. A partition of one shard (the usual case) puts in that shard's own sums, which the
     * shard rounded already, without a copy; the caller may change them until the shard's next step.
     */
    static StepSums partitionTotal(Iterator<ShardGradient> shards, double[] params, int epoch, int step,
                                   Precision precision, StepSums into) {
        into.clear();
        if (!shards.hasNext()) {
            return into;
        }
        StepSums first = shards.next().sums(params, epoch, step);
        if (!shards.hasNext()) {
            return first;
        }
        into.add(first);
        while (shards.hasNext()) {
            into.add(shards.next().sums(params, epoch, step));
        }
        precision.round(into.vector);
        return into;
    }
}
