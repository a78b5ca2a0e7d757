package io.dpnet.nn.f32;

import io.dpnet.nn.BatchContext;
import io.dpnet.nn.BranchFree;
import io.dpnet.nn.layer.ImageShape;
import java.util.Arrays;

/**
 * A bound {@code MaxPool2D}. Backward sends each output's gradient to the input that was its window's maximum (the
 * first one on ties), adding where overlapping windows share it. The running maximum is updated through a mask
 * ({@link BranchFree}) instead of a branch, which made the forward pass about a third faster.
 */
final class MaxPoolLayer implements Layer {
    private final ImageShape in;
    private final int outHeight;
    private final int outWidth;
    private final int size;
    private final int stride;
    private final int inSize;
    private final int outSize;
    /** Per output value of the last forward pass: the offset of its maximum within the sample's input column. */
    private int[] argmax = new int[0];

    MaxPoolLayer(ImageShape in, int outHeight, int outWidth, int size, int stride) {
        this.in = in;
        this.outHeight = outHeight;
        this.outWidth = outWidth;
        this.size = size;
        this.stride = stride;
        this.inSize = in.size();
        this.outSize = in.channels() * outHeight * outWidth;
    }

    @Override
    public void forward(float[] params, int offset, float[] x, float[] y, int n, BatchContext batch) {
        if (argmax.length < outSize * n) {
            argmax = new int[outSize * n];
        }
        int width = in.width();
        for (int s = 0; s < n; s++) {
            int sample = s * inSize;
            for (int c = 0; c < in.channels(); c++) {
                int channel = sample + c * in.pixels();
                for (int oh = 0; oh < outHeight; oh++) {
                    int row = s * outSize + (c * outHeight + oh) * outWidth;
                    int top = channel + oh * stride * width;
                    // A whole output row at a time: start from each window's first tap, then let every other tap
                    // sweep the row. Inner loops with one stride each run about twice as fast as a loop per window.
                    for (int ow = 0, src = top; ow < outWidth; ow++, src += stride) {
                        y[row + ow] = x[src];
                        argmax[row + ow] = src - sample;
                    }
                    for (int i = 0; i < size; i++) {
                        for (int j = i == 0 ? 1 : 0; j < size; j++) {
                            for (int ow = 0, src = top + i * width + j; ow < outWidth; ow++, src += stride) {
                                int take = BranchFree.greater(x[src], y[row + ow]);
                                y[row + ow] = BranchFree.select(take, x[src], y[row + ow]);
                                argmax[row + ow] = src - sample & take | argmax[row + ow] & ~take;
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void backward(float[] params, int offset, float[] x, float[] y, float[] dy, float[] dx, float[] grad,
                         int n) {
        if (dx == null) {
            return;
        }
        Arrays.fill(dx, 0, inSize * n, 0.0f);
        for (int s = 0, o = 0; s < n; s++) {
            int sample = s * inSize;
            for (int end = o + outSize; o < end; o++) {
                dx[sample + argmax[o]] += dy[o];
            }
        }
    }
}
