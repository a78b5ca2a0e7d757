package io.dpnet.data;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The heap that data can still take in the JVM that reads it, compared with the size a header announces before any of
 * the data is read: a set that cannot fit is refused in one line that says what it needs and what to do instead,
 * rather than running out of memory part way through.
 *
 * <p>The rule never refuses data that fits: the free heap is the JVM's maximum less what is in use, and what is in use
 * counts garbage until it is collected, so data that seems not to fit is measured again after a full collection before
 * it is refused. Data that passes may still run out of memory later, in what the command does with it next.
 */
public final class HeapRoom {
    private static final String MORE_DRIVER_HEAP = "give the JVM more heap (JAVA_OPTS=-Xmx... for scripts/dpnet, "
            + "--driver-memory for spark-submit)";
    private static final String MORE_EXECUTOR_HEAP = "give the executors more memory (--executor-memory for "
            + "spark-submit; in local mode the driver's, JAVA_OPTS=-Xmx... for scripts/dpnet)";

    private final LongSupplier max;
    private final LongSupplier used;
    private final Runnable collect;
    private final String moreMemory;
    private final String alternative;

    private HeapRoom(LongSupplier max, LongSupplier used, Runnable collect, String moreMemory, String alternative) {
        this.max = max;
        this.used = used;
        this.collect = collect;
        this.moreMemory = moreMemory;
        this.alternative = alternative;
    }

    private static HeapRoom thisJvm(String moreMemory, String alternative) {
        Runtime runtime = Runtime.getRuntime();
        return new HeapRoom(runtime::maxMemory, () -> runtime.totalMemory() - runtime.freeMemory(), System::gc,
                moreMemory, alternative);
    }

    /** The heap of the driver, this JVM, where whole IDX files are read and held. */
    public static HeapRoom driver() {
        return thisJvm(MORE_DRIVER_HEAP, "train on a sharded set (as generate writes) with --stream");
    }

    /** The heap of this JVM as a Spark task's: an executor's, which reads a sharded set's shards to cache them. */
    public static HeapRoom task() {
        return thisJvm(MORE_EXECUTOR_HEAP, "train with --stream");
    }

    /** A heap of {@code max} bytes of which {@code free} are free: what tests use, independent of the machine. */
    public static HeapRoom fixed(long free, long max) {
        return new HeapRoom(() -> max, () -> max - free, () -> { }, MORE_DRIVER_HEAP,
                "train on a sharded set (as generate writes) with --stream");
    }

    /** Whether {@code bytes} fit in the free heap now, after a full collection if they seem not to. */
    public boolean fits(long bytes) {
        if (bytes <= free()) {
            return true;
        }
        collect.run();
        return bytes <= free();
    }

    /** Bytes of heap free: the maximum less what is in use. */
    public long free() {
        return max.getAsLong() - used.getAsLong();
    }

    /** The heap's maximum size (-Xmx). */
    public long max() {
        return max.getAsLong();
    }

    /** What to do instead of loading data that no heap can hold at once, e.g. "train with --stream". */
    String alternative() {
        return alternative;
    }

    /** The same heap, with another suggestion than more memory in its messages. */
    public HeapRoom withAlternative(String newAlternative) {
        return new HeapRoom(max, used, collect, moreMemory, newAlternative);
    }

    /**
     * Fails unless {@code bytes} fit: "{@code what} take 10.0 GiB in memory, more than the 5.8 GiB of heap free (of
     * 6.0 GiB): give the JVM more heap (...), or train on a sharded set (as generate writes) with --stream".
     */
    void check(long bytes, String what) throws InvalidDataException {
        if (!fits(bytes)) {
            throw new InvalidDataException(refusal(bytes, what));
        }
    }

    /** The message of {@link #check}, for {@code bytes} that do not fit. */
    public String refusal(long bytes, String what) {
        long free = free();
        boolean close = size(bytes).equals(size(free));
        // Sizes that round alike are given in bytes, lest the message say that 1.9 GiB is more than 1.9 GiB.
        return what + " take " + (close ? bytes + " bytes" : size(bytes)) + " in memory, more than the "
                + (close ? free + " bytes" : size(free)) + " of heap free (of " + size(max()) + "): " + moreMemory
                + ", or " + alternative;
    }

    /** A byte count for people: 512 bytes, 3.2 KiB, 1.5 MiB, 10.0 GiB. */
    public static String size(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
