package io.dpnet.data;

/** The size limits of the flat Java arrays a {@link DataBlock} (and a model's parameter vector) is made of. */
public final class ArrayLimits {
    /** The largest array length every JVM grants (some reserve a few header words). */
    public static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private ArrayLimits() {
    }

    /** The next capacity for a growable array that is full at {@code length}: doubling, capped at the maximum. */
    static int grown(int length) {
        if (length >= MAX_LENGTH) {
            throw new IllegalStateException("cannot hold more than " + MAX_LENGTH + " values in one array");
        }
        return (int) Math.min(MAX_LENGTH, Math.max(16L, 2L * length));
    }

    /**
     * {@code a · b} for sizes {@code >= 0}, or {@link Long#MAX_VALUE} where that would overflow: sizes that a header
     * announces are multiplied before they are compared with a limit, and a wrapped product would pass the check.
     */
    public static long product(long a, long b) {
        return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }
}
