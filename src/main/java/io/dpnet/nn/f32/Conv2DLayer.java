package io.dpnet.nn.f32;

import io.dpnet.nn.BatchContext;
import io.dpnet.nn.Blas;
import io.dpnet.nn.PhaseTimes;
import java.util.Arrays;

/**
 * A bound {@code Conv2D}. Samples go through in groups: one im2col matrix and one GEMM per group rather than per
 * sample, the group sized so that the im2col matrix stays within a budget ({@link #COLUMN_BUDGET} values). The
 * buffers are kept from call to call, and the last group's im2col matrix from forward is reused by backward.
 *
 * <p>Forward, per group of g samples: cols [(P*g) x K] = im2col(x); out [(P*g) x F] = cols * W; y = out + b, each
 * sample's F planes of P values moved into its column. Backward: dOut gathered likewise; dW += cols^T * dOut;
 * db += sums of dOut; dCols = dOut * W^T, written over cols, which forward no longer needs; dx = col2im(dCols).
 * No operand is transposed by copying: BLAS reads cols^T and W^T in place.
 */
public final class Conv2DLayer implements Layer {
    /**
     * Values in one group's im2col matrix: 2^18 (1 MiB at 4 bytes a value, 2 MiB at 8), which stays in a core's
     * share of cache between im2col and GEMM. On LeNet-sized layers (CnnProfile) any budget from one sample to 2^18
     * values ran alike at 8 bytes a value; larger ones ran slower.
     */
    static final int COLUMN_BUDGET = 1 << 18;

    private final Im2Col im2col;
    private final int inSize;
    private final int filters;
    private final int positions;
    private final int taps;
    private final int outSize;
    private final int columnBudget;
    private final PhaseTimes times = new PhaseTimes();

    private float[] cols = new float[0];
    private float[] out = new float[0];
    /** What {@link #cols} holds: the im2col of samples [colsFirst, colsFirst + colsCount) of colsSource. */
    private float[] colsSource;
    private int colsFirst;
    private int colsCount;

    /** @param columnBudget the most values one group's im2col matrix may hold (at least one sample's, whatever) */
    Conv2DLayer(Im2Col im2col, int inSize, int filters, int columnBudget) {
        this.im2col = im2col;
        this.columnBudget = columnBudget;
        this.inSize = inSize;
        this.filters = filters;
        this.positions = im2col.positions();
        this.taps = im2col.taps();
        this.outSize = positions * filters;
    }

    /** Time spent in im2col, GEMM and the rest since the last reset. */
    public PhaseTimes phaseTimes() {
        return times;
    }

    /** Samples per group for a batch of n. */
    int groupSize(int n) {
        long perSample = (long) positions * taps;
        return (int) Math.max(1, Math.min(n, columnBudget / perSample));
    }

    @Override
    public void forward(float[] params, int offset, float[] x, float[] y, int n, BatchContext batch) {
        int g = groupSize(n);
        ensureBuffers(g);
        int bias = offset + taps * filters;
        for (int first = 0; first < n; first += g) {
            int count = Math.min(g, n - first);
            int rows = positions * count;
            long t0 = System.nanoTime();
            im2col.expand(x, first, count, cols);
            colsSource = x;
            colsFirst = first;
            colsCount = count;
            long t1 = System.nanoTime();
            Blas.gemm(false, false, rows, filters, taps, 1.0f, cols, 0, params, offset, 0.0f, out, 0);
            long t2 = System.nanoTime();
            for (int s = 0; s < count; s++) {
                int column = (first + s) * outSize;
                for (int f = 0; f < filters; f++) {
                    float b = params[bias + f];
                    int src = f * rows + s * positions;
                    int dst = column + f * positions;
                    for (int p = 0; p < positions; p++) {
                        y[dst + p] = out[src + p] + b;
                    }
                }
            }
            times.add(t1 - t0, t2 - t1, System.nanoTime() - t2);
        }
    }

    @Override
    public void backward(float[] params, int offset, float[] x, float[] y, float[] dy, float[] dx,
                         float[] grad, int n) {
        int g = groupSize(n);
        ensureBuffers(g);
        int bias = offset + taps * filters;
        // Last group first: forward left its im2col matrix in cols.
        for (int first = (n - 1) / g * g; first >= 0; first -= g) {
            int count = Math.min(g, n - first);
            int rows = positions * count;
            long t0 = System.nanoTime();
            if (colsSource != x || colsFirst != first || colsCount != count) {
                im2col.expand(x, first, count, cols);
            }
            colsSource = null;
            long t1 = System.nanoTime();
            for (int s = 0; s < count; s++) {
                int column = (first + s) * outSize;
                for (int f = 0; f < filters; f++) {
                    int src = column + f * positions;
                    int dst = f * rows + s * positions;
                    double sum = 0;
                    for (int p = 0; p < positions; p++) {
                        float d = dy[src + p];
                        out[dst + p] = d;
                        sum += d;
                    }
                    grad[bias + f] += sum;
                }
            }
            long t2 = System.nanoTime();
            Blas.gemm(true, false, taps, filters, rows, 1.0f, cols, 0, out, 0, 1.0f, grad, offset);
            long t3 = System.nanoTime();
            long t4 = t3;
            if (dx != null) {
                Blas.gemm(false, true, rows, taps, filters, 1.0f, out, 0, params, offset, 0.0f, cols, 0);
                t4 = System.nanoTime();
                Arrays.fill(dx, first * inSize, (first + count) * inSize, 0.0f);
                im2col.foldAdd(cols, first, count, dx);
            }
            long t5 = System.nanoTime();
            times.add((t1 - t0) + (t5 - t4), t4 - t2, t2 - t1);
        }
    }

    private void ensureBuffers(int g) {
        if (cols.length < positions * g * taps) {
            cols = new float[positions * g * taps];
            colsSource = null;
        }
        if (out.length < positions * g * filters) {
            out = new float[positions * g * filters];
        }
    }
}
