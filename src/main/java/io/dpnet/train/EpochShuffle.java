package io.dpnet.train;

/**
 * A seeded pseudo-random permutation of [0, n) that maps any single index in O(1): a balanced Feistel network over
 * the smallest even power of two that covers n, with cycle walking back into range. Every partition can so place its
 * own samples in an epoch's order without seeing the others, and the order does not depend on the partitioning.
 */
public final class EpochShuffle {
    private static final int ROUNDS = 4;
    private final long n;
    private final int halfBits;
    private final long halfMask;
    private final long[] roundKeys = new long[ROUNDS];

    public EpochShuffle(long n, long seed, int epoch) {
        if (n <= 0) {
            throw new IllegalArgumentException("cannot shuffle " + n + " samples");
        }
        this.n = n;
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(n - 1));
        this.halfBits = (bits + 1) / 2;
        this.halfMask = (1L << halfBits) - 1;
        long key = mix(seed ^ mix(epoch + 0x9E3779B97F4A7C15L));
        for (int r = 0; r < ROUNDS; r++) {
            key = mix(key + r + 1);
            roundKeys[r] = key;
        }
    }

    /** Position of sample {@code index} in this epoch's order. */
    public long position(long index) {
        if (index < 0 || index >= n) {
            throw new IndexOutOfBoundsException("sample " + index + " of " + n);
        }
        long x = index;
        do {
            x = encrypt(x);
        } while (x >= n);
        return x;
    }

    private long encrypt(long x) {
        long left = x >>> halfBits;
        long right = x & halfMask;
        for (long k : roundKeys) {
            long next = left ^ (mix(right ^ k) & halfMask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }

    /** SplitMix64's finalizer: a strong 64-bit mixing function. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
