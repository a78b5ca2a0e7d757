package io.dpnet.data;

/** The size limits of the flat Java arrays a {@link DataBlock} is made of. */
final class ArrayLimits {
    /** The largest array length every JVM grants (some reserve a few header words). */
    static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private ArrayLimits() {
    }

    /** The next capacity for a growable array that is full at {@code length}: doubling, capped at the maximum. */
    static int grown(int length) {
        if (length >= MAX_LENGTH) {
            throw new IllegalStateException("cannot hold more than " + MAX_LENGTH + " values in one array");
        }
        return (int) Math.min(MAX_LENGTH, Math.max(16L, 2L * length));
    }
}
