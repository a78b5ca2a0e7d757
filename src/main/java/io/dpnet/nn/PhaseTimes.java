package io.dpnet.nn;

/**
 * Where a convolution's time goes, summed over calls until {@link #reset()}: unrolling and folding windows (im2col and
 * col2im), the GEMMs, and the rest (bias, moving planes between the GEMM layout and the sample columns). For
 * benchmarks; reading {@link System#nanoTime()} a few times per group of samples costs next to nothing.
 */
public final class PhaseTimes {
    private long im2colNanos;
    private long gemmNanos;
    private long otherNanos;

    public void add(long im2col, long gemm, long other) {
        im2colNanos += im2col;
        gemmNanos += gemm;
        otherNanos += other;
    }

    public long im2colNanos() {
        return im2colNanos;
    }

    public long gemmNanos() {
        return gemmNanos;
    }

    public long otherNanos() {
        return otherNanos;
    }

    public void reset() {
        im2colNanos = 0;
        gemmNanos = 0;
        otherNanos = 0;
    }
}
