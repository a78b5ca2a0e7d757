package io.dpnet.data.augment;

import io.dpnet.nn.SampleKeys;

/**
 * The random numbers of one generated sample: a SplitMix64 stream whose start is a hash of (seed, sample index).
 * Counter-based rather than one shared generator, so sample i gets the same numbers whichever partition, thread or
 * order generates it, and skipping to sample 8,000,000 costs nothing.
 */
final class SampleRandom {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    // Keeps augmentation streams apart from other users of SampleKeys with the same seed (dropout masks).
    private static final long STREAM_SALT = 0x6175676D656E7421L;

    private long state;

    /** Restarts the stream at sample {@code index} of the data set generated with {@code seed}. */
    void reset(long seed, long index) {
        state = SampleKeys.mix(SampleKeys.mix(seed ^ STREAM_SALT) ^ index);
    }

    long nextLong() {
        long z = SampleKeys.mix(state);
        state += GOLDEN_GAMMA;
        return z;
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return SampleKeys.uniform(nextLong());
    }

    /** Uniform in [-limit, limit). */
    double symmetric(double limit) {
        return (2 * nextDouble() - 1) * limit;
    }

    /** Uniform in [min, max). */
    double between(double min, double max) {
        return min + (max - min) * nextDouble();
    }
}
