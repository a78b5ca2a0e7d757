package io.dpnet.train;

/**
 * The order of an epoch whose samples stream from shard files rather than sit in memory. Window {@code j} holds slice
 * {@code j} of every shard (its samples {@code [jL, (j+1)L)}); the windows follow one another and the samples within
 * each are shuffled. A task so reads each of its shards front to back and holds one window (two where a step spans a
 * boundary), and every window draws from every shard, so every partition has its share of every step.
 *
 * <p>Like {@link EpochShuffle} it depends only on the shard sizes, the slice length, the seed and the epoch, never on
 * the partitioning.
 */
public final class WindowedOrder {
    private static final long WINDOW_SALT = 0xD1B54A32D192ED03L;
    private final long[] shardCounts;
    private final int sliceLength;
    private final long seed;
    private final int epoch;
    private final long[] windowStart;
    private final EpochShuffle[] shuffles;

    public WindowedOrder(long[] shardCounts, int sliceLength, long seed, int epoch) {
        if (sliceLength <= 0) {
            throw new IllegalArgumentException("slice length must be positive, got " + sliceLength);
        }
        long largest = 0;
        for (long count : shardCounts) {
            largest = Math.max(largest, count);
        }
        if (largest == 0) {
            throw new IllegalArgumentException("the training data is empty");
        }
        this.shardCounts = shardCounts.clone();
        this.sliceLength = sliceLength;
        this.seed = seed;
        this.epoch = epoch;
        int windows = Math.toIntExact((largest + sliceLength - 1) / sliceLength);
        windowStart = new long[windows + 1];
        for (int j = 0; j < windows; j++) {
            windowStart[j + 1] = windowStart[j] + sliceOffset(shardCounts.length, j);
        }
        shuffles = new EpochShuffle[windows];
    }

    public int windows() {
        return shuffles.length;
    }

    /** Position in the epoch of the first sample of window {@code j}; {@code windowStart(windows())} is the total. */
    public long windowStart(int j) {
        return windowStart[j];
    }

    /** The window that holds epoch position {@code position}. */
    public int windowOf(long position) {
        if (position < 0 || position >= windowStart[windows()]) {
            throw new IndexOutOfBoundsException("position " + position + " of " + windowStart[windows()]);
        }
        int lo = 0;
        int hi = windows() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (windowStart[mid] <= position) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Samples of shard {@code shard} in window {@code j}. */
    public int sliceSize(int shard, int j) {
        return (int) Math.max(0, Math.min(sliceLength, shardCounts[shard] - (long) j * sliceLength));
    }

    /** Where shard {@code shard}'s slice begins among window {@code j}'s samples, which go shard after shard. */
    public long sliceOffset(int shard, int j) {
        long offset = 0;
        for (int k = 0; k < shard; k++) {
            offset += sliceSize(k, j);
        }
        return offset;
    }

    /** Epoch position of the sample at {@code offset} among window {@code j}'s samples. */
    public long position(int j, long offset) {
        if (shuffles[j] == null) {
            shuffles[j] = new EpochShuffle(windowStart[j + 1] - windowStart[j],
                    EpochShuffle.mix(seed ^ EpochShuffle.mix(j + WINDOW_SALT)), epoch);
        }
        return windowStart[j] + shuffles[j].position(offset);
    }
}
