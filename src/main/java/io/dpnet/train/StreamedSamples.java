package io.dpnet.train;

import io.dpnet.data.DataBlock;
import io.dpnet.data.DataCheck;
import io.dpnet.data.InvalidDataException;
import io.dpnet.data.ShardStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A shard's samples streamed from its files of a sharded set, in the {@link WindowedOrder}: each epoch it reads its
 * shards front to back, one slice of each per window, and holds only the windows the current step draws from. Memory
 * is bounded by the window, not the data set, so a set far larger than the executors' memory trains.
 *
 * <p>Windows are read as the steps reach them; a step that goes back (a step repeated after a lost task, a resumed
 * checkpoint) reopens the files and skips to it.
 */
public final class StreamedSamples implements StepSamples {
    private static final long serialVersionUID = 1L;

    /** Opens one shard of the set for reading, where the shard is trained. */
    @FunctionalInterface
    public interface Opener extends Serializable {
        ShardStream open(int shard) throws IOException;
    }

    private final long[] shardCounts;
    private final int firstShard;
    private final int endShard;
    private final int sliceLength;
    private final int numClasses;
    private final BatchPlan plan;
    private final Opener opener;
    private final String name;

    private transient WindowedOrder order;
    private transient int orderEpoch;
    private transient ArrayDeque<Window> loaded;
    private transient ShardStream[] streams;
    private transient Window[] selectedWindow;
    private transient int[] selectedLocal;
    private transient long mostHeld;

    /**
     * Shards {@code [firstShard, endShard)} of a set whose shards hold {@code shardCounts} samples, read in slices of
     * {@code sliceLength}; labels are checked to be below {@code numClasses} as they arrive. {@code name} names the
     * set in errors.
     */
    public StreamedSamples(long[] shardCounts, int firstShard, int endShard, int sliceLength, int numClasses,
                           BatchPlan plan, Opener opener, String name) {
        if (firstShard < 0 || endShard > shardCounts.length || firstShard > endShard) {
            throw new IllegalArgumentException("shards [" + firstShard + ", " + endShard + ") of "
                    + shardCounts.length);
        }
        this.shardCounts = shardCounts.clone();
        this.firstShard = firstShard;
        this.endShard = endShard;
        this.sliceLength = sliceLength;
        this.numClasses = numClasses;
        this.plan = plan;
        this.opener = opener;
        this.name = name;

    }

    /** Slice length for windows of about {@code windowSamples} samples over {@code shards} shards. */
    public static int sliceLength(long windowSamples, int shards) {
        if (windowSamples <= 0) {
            throw new IllegalArgumentException("the stream window must be positive, got " + windowSamples);
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (windowSamples + shards - 1) / shards));
    }

    @Override
    public long size() {
        long size = 0;
        for (int k = firstShard; k < endShard; k++) {
            size += shardCounts[k];
        }
        return size;
    }

    /** The most samples this shard has held at once since it was created here: what bounds its memory. */
    public long mostHeld() {
        return mostHeld;
    }

    @Override
    public int select(int epoch, int step) {
        if (order == null || orderEpoch != epoch) {
            restart();
            order = new WindowedOrder(shardCounts, sliceLength, plan.seed(), epoch);
            orderEpoch = epoch;
        }
        long from = (long) step * plan.batchSize();
        long to = Math.min(from + plan.batchSize(), plan.totalSamples());
        int first = order.windowOf(from);
        int last = order.windowOf(to - 1);
        while (!loaded.isEmpty() && loaded.peekFirst().index < first) {
            loaded.removeFirst();
        }
        if (!loaded.isEmpty() && loaded.peekFirst().index > first) {
            loaded.clear();
        }
        try {
            for (int j = loaded.isEmpty() ? first : loaded.peekLast().index + 1; j <= last; j++) {
                loaded.addLast(load(j));
            }
        } catch (IOException | RuntimeException e) {
            // A stream may have moved past what was read: start afresh, so that a retry reads the right samples.
            order = null;
            restart();
            if (e instanceof IOException io) {
                // The messages name the file or shard already.
                throw new UncheckedIOException(io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
        long held = 0;
        int count = 0;
        for (Window w : loaded) {
            held += w.size();
            count += w.countBetween(from, to);
        }
        mostHeld = Math.max(mostHeld, held);
        if (selectedLocal == null || selectedLocal.length < count) {
            selectedWindow = new Window[count];
            selectedLocal = new int[count];
        }
        int at = 0;
        for (Window w : loaded) {
            at = w.select(from, to, selectedWindow, selectedLocal, at);
        }
        return count;
    }

    @Override
    public void gather(int from, int to, double[] x, int[] y, long[] index) {
        for (int k = from; k < to; k++) {
            selectedWindow[k].copy(selectedLocal[k], x, y, index, k - from);
        }
    }

    /** Forgets what was read: windows and open files. */
    private void restart() {
        if (streams != null) {
            for (int i = 0; i < streams.length; i++) {
                closeStream(i);
            }
        }
        loaded = new ArrayDeque<>();
        streams = new ShardStream[endShard - firstShard];
    }

    /** Reads window {@code j}'s slice of each shard and sorts the window's samples by epoch position. */
    private Window load(int j) throws IOException {
        DataBlock[] slices = new DataBlock[endShard - firstShard];
        long[] offsets = new long[slices.length];
        int total = 0;
        for (int k = firstShard; k < endShard; k++) {
            int size = order.sliceSize(k, j);
            if (size == 0) {
                continue;
            }
            int i = k - firstShard;
            ShardStream stream = streamAt(k, j);
            slices[i] = stream.next(size);
            DataCheck.labelsInRange(slices[i], numClasses, name + ", shard " + k);
            if (stream.remaining() == 0) {
                closeStream(i);
            }
            offsets[i] = order.sliceOffset(k, j);
            total += size;
        }
        return new Window(j, slices, offsets, total, order);
    }

    /** Shard {@code k}'s stream with window {@code j}'s slice next: reopened if it went past, skipped forward to it. */
    private ShardStream streamAt(int k, int j) throws IOException {
        int i = k - firstShard;
        long start = (long) j * sliceLength;
        if (streams[i] == null || read(k) > start) {
            closeStream(i);
            streams[i] = opener.open(k);
            if (streams[i].remaining() != shardCounts[k]) {
                throw new InvalidDataException(name + ", shard " + k + ": " + streams[i].remaining()
                        + " samples, but " + shardCounts[k] + " when training started (the set was replaced)");
            }
        }
        streams[i].skip(Math.toIntExact(start - read(k)));
        return streams[i];
    }

    /** Samples of shard {@code k} its open stream has passed. */
    private long read(int k) {
        return shardCounts[k] - streams[k - firstShard].remaining();
    }

    private void closeStream(int i) {
        if (streams[i] != null) {
            try {
                streams[i].close();
            } catch (IOException e) {
                // Read to the end already, or abandoned: nothing left to lose.
            }
            streams[i] = null;
        }
    }

    /** One window's slices of this shard's files, its samples keyed by epoch position. */
    private static final class Window {
        final int index;
        private final DataBlock[] slices;
        private final int[] sliceStart;
        private final long[] keys;
        private final int bits;

        Window(int index, DataBlock[] slices, long[] offsets, int total, WindowedOrder order) {
            this.index = index;
            this.slices = slices;
            this.sliceStart = new int[slices.length + 1];
            this.bits = Math.max(1, 64 - Long.numberOfLeadingZeros(total));
            long positions = order.windowStart(order.windows());
            if (64 - Long.numberOfLeadingZeros(positions) + bits > 63) {
                throw new IllegalArgumentException("a window of " + total + " samples in a set of " + positions
                        + " is too large to order: use a smaller stream window");
            }
            keys = new long[total];
            int at = 0;
            for (int s = 0; s < slices.length; s++) {
                sliceStart[s] = at;
                DataBlock slice = slices[s];
                for (int i = 0; slice != null && i < slice.size(); i++, at++) {
                    keys[at] = order.position(index, offsets[s] + i) << bits | at;
                }
            }
            sliceStart[slices.length] = at;
            Arrays.sort(keys);
        }

        int size() {
            return keys.length;
        }

        int countBetween(long from, long to) {
            return firstAt(to) - firstAt(from);
        }

        /** Appends this window's samples at positions {@code [from, to)} in order, from {@code at}; returns the end. */
        int select(long from, long to, Window[] windows, int[] locals, int at) {
            long mask = (1L << bits) - 1;
            for (int k = firstAt(from), end = firstAt(to); k < end; k++, at++) {
                windows[at] = this;
                locals[at] = (int) (keys[k] & mask);
            }
            return at;
        }

        /** Index of the first key whose position is at least {@code position}. */
        private int firstAt(long position) {
            int found = Arrays.binarySearch(keys, position << bits);
            return found >= 0 ? found : -found - 1;
        }

        void copy(int local, double[] x, int[] y, long[] index, int column) {
            int s = Arrays.binarySearch(sliceStart, local);
            if (s < 0) {
                s = -s - 2;
            }
            // Empty slices share their start with the next one: move on to the slice that holds the sample.
            while (slices[s] == null || local >= sliceStart[s] + slices[s].size()) {
                s++;
            }
            DataBlock slice = slices[s];
            int i = local - sliceStart[s];
            slice.copyFeatures(i, x, column * slice.featureCount());
            y[column] = slice.label(i);
            index[column] = slice.firstIndex() + i;
        }
    }
}
