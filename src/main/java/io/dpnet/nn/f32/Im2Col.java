package io.dpnet.nn.f32;

import io.dpnet.nn.layer.ImageShape;
import java.util.Arrays;

/**
 * Unrolls the receptive fields of a convolution into a matrix, and folds such a matrix back. For a group of
 * {@code g} samples the matrix is [(P*g) x K] column-major, P = outHeight*outWidth output positions and
 * K = channels*kernel*kernel: row {@code p + P*s} holds the window of output position p of sample s, column
 * {@code (c*kernel + i)*kernel + j} the kernel tap (c, i, j). With positions running fastest, one GEMM with the
 * [K x filters] weights gives [(P*g) x filters], whose per-sample runs of P values are each filter's output plane,
 * and a stride-1 tap is a straight copy of an input row segment.
 */
final class Im2Col {
    private final ImageShape in;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int outHeight;
    private final int outWidth;
    /** Per tap column j: the first and one past the last output column whose input column is inside the image. */
    private final int[] firstCol;
    private final int[] endCol;

    Im2Col(ImageShape in, int kernel, int stride, int padding, int outHeight, int outWidth) {
        this.in = in;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.outHeight = outHeight;
        this.outWidth = outWidth;
        this.firstCol = new int[kernel];
        this.endCol = new int[kernel];
        for (int j = 0; j < kernel; j++) {
            int lo = 0;
            while (lo < outWidth && lo * stride + j - padding < 0) {
                lo++;
            }
            int hi = lo;
            while (hi < outWidth && hi * stride + j - padding < in.width()) {
                hi++;
            }
            firstCol[j] = lo;
            endCol[j] = hi;
        }
    }

    int positions() {
        return outHeight * outWidth;
    }

    int taps() {
        return in.channels() * kernel * kernel;
    }

    /** Writes the [(P*g) x K] matrix of samples {@code first..first+g-1} of {@code x} into {@code cols}. */
    void expand(float[] x, int first, int g, float[] cols) {
        int inSize = in.size();
        int pixels = in.pixels();
        int width = in.width();
        int positions = positions();
        int rows = positions * g;
        for (int s = 0; s < g; s++) {
            int sample = (first + s) * inSize;
            for (int c = 0; c < in.channels(); c++) {
                int channel = sample + c * pixels;
                for (int i = 0; i < kernel; i++) {
                    for (int j = 0; j < kernel; j++) {
                        int tap = (c * kernel + i) * kernel + j;
                        int lo = firstCol[j];
                        int hi = endCol[j];
                        int dst = tap * rows + s * positions;
                        for (int oh = 0; oh < outHeight; oh++, dst += outWidth) {
                            int ih = oh * stride + i - padding;
                            if (ih < 0 || ih >= in.height() || lo >= hi) {
                                Arrays.fill(cols, dst, dst + outWidth, 0.0f);
                                continue;
                            }
                            int src = channel + ih * width + lo * stride + j - padding;
                            if (stride == 1) {
                                System.arraycopy(x, src, cols, dst + lo, hi - lo);
                            } else {
                                for (int ow = lo; ow < hi; ow++, src += stride) {
                                    cols[dst + ow] = x[src];
                                }
                            }
                            for (int ow = 0; ow < lo; ow++) {
                                cols[dst + ow] = 0.0f;
                            }
                            for (int ow = hi; ow < outWidth; ow++) {
                                cols[dst + ow] = 0.0f;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #expand}: adds every entry of the [(P*g) x K] matrix {@code cols} into the input value it
     * was copied from, for samples {@code first..first+g-1} of {@code dx}. Padding entries are dropped. The loop nest
     * is expand's, written out again rather than shared through a callback so that the inner loop stays a plain add.
     */
    void foldAdd(float[] cols, int first, int g, float[] dx) {
        int inSize = in.size();
        int pixels = in.pixels();
        int width = in.width();
        int positions = positions();
        int rows = positions * g;
        for (int s = 0; s < g; s++) {
            int sample = (first + s) * inSize;
            for (int c = 0; c < in.channels(); c++) {
                int channel = sample + c * pixels;
                for (int i = 0; i < kernel; i++) {
                    for (int j = 0; j < kernel; j++) {
                        int tap = (c * kernel + i) * kernel + j;
                        int lo = firstCol[j];
                        int hi = endCol[j];
                        int src = tap * rows + s * positions;
                        for (int oh = 0; oh < outHeight; oh++, src += outWidth) {
                            int ih = oh * stride + i - padding;
                            if (ih < 0 || ih >= in.height()) {
                                continue;
                            }
                            int dst = channel + ih * width + lo * stride + j - padding;
                            for (int ow = lo; ow < hi; ow++, dst += stride) {
                                dx[dst] += cols[src + ow];
                            }
                        }
                    }
                }
            }
        }
    }
}
