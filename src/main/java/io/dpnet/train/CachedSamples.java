package io.dpnet.train;

import io.dpnet.data.DataBlock;
import java.util.Arrays;

/**
 * A shard's samples held in memory, ordered each epoch by the {@link EpochShuffle} of the whole data set: the order
 * is computed once per epoch where the shard lives and reused by every step.
 */
final class CachedSamples implements StepSamples {
    private static final long serialVersionUID = 1L;
    private final DataBlock block;
    private final BatchPlan plan;

    private transient int orderedEpoch;
    private transient int[] order;
    private transient int[] stepStart;
    private transient int selected;

    CachedSamples(DataBlock block, BatchPlan plan) {
        this.block = block;
        this.plan = plan;
    }

    @Override
    public long size() {
        return block.size();
    }

    @Override
    public int select(int epoch, int step) {
        orderFor(epoch);
        selected = stepStart[step];
        return stepStart[step + 1] - selected;
    }

    @Override
    public void gather(int from, int to, double[] x, int[] y, long[] index) {
        block.gather(order, selected + from, selected + to, x, y);
        for (int k = from; k < to; k++) {
            index[k - from] = block.firstIndex() + order[selected + k];
        }
    }

    /** Sorts this shard's samples by their position in the epoch's global order and finds where each step starts. */
    private void orderFor(int epoch) {
        // Transient fields come back as null and 0 after deserialization: order == null means not computed.
        if (order != null && orderedEpoch == epoch) {
            return;
        }
        int size = block.size();
        EpochShuffle shuffle = plan.shuffle(epoch);
        int localBits = 64 - Long.numberOfLeadingZeros(Math.max(1, size));
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            keys[i] = (shuffle.position(block.firstIndex() + i) << localBits) | i;
        }
        Arrays.sort(keys);
        long localMask = (1L << localBits) - 1;
        order = new int[size];
        int steps = plan.stepsPerEpoch();
        stepStart = new int[steps + 1];
        int k = 0;
        for (int s = 0; s <= steps; s++) {
            long firstPosition = (long) s * plan.batchSize();
            while (k < size && (keys[k] >>> localBits) < firstPosition) {
                order[k] = (int) (keys[k] & localMask);
                k++;
            }
            stepStart[s] = k;
        }
        orderedEpoch = epoch;
    }
}
