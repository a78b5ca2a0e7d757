package io.dpnet.nn;

/**
 * Per-sample keys for {@link Network#gradient(double[], double[], int[], int, double[], long[], long[])}, and the
 * counter-based hash that turns keys into reproducible random numbers. SplitMix64's finalizer mixes well enough that
 * neighbouring counters (sample 7 and 8, unit 3 and 4) give unrelated values, and it needs no state to share.
 */
public final class SampleKeys {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SampleKeys() {
    }

    /**
     * The key of a sample in an epoch: distinct for each (seed, epoch, global sample index), so that a sample gets a
     * fresh dropout mask every epoch whatever partition holds it.
     */
    public static long of(long seed, int epoch, long globalIndex) {
        return mix(mix(mix(seed) ^ epoch) ^ globalIndex);
    }

    /** SplitMix64's output function of {@code z + golden gamma}: a bijection on longs. */
    public static long mix(long z) {
        z += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A double uniform in [0, 1) from the top 53 bits of a hash. */
    public static double uniform(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }
}
