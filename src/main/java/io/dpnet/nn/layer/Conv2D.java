package io.dpnet.nn.layer;

import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.Shape;
import io.dpnet.nn.init.Initializer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * 2-D convolution (cross-correlation, as in every framework) of an image [channels, height, width] with
 * {@code filters} square kernels, zero {@code padding} on every side and a {@code stride}; the output is
 * [filters, outHeight, outWidth] with outHeight = floor((height + 2 padding - kernel) / stride) + 1, likewise the
 * width. Parameters: the weights as [K x filters] column-major, K = channels*kernel*kernel, so each filter's taps are
 * contiguous in (channel, row, column) order; then one bias per filter. The engines compute it as im2col plus GEMM
 * ({@code Im2Col}).
 */
public final class Conv2D implements LayerSpec {
    private static final long serialVersionUID = 1L;
    private final int filters;
    private final int kernel;
    private final int stride;
    private final int padding;

    public Conv2D(int filters, int kernel, int stride, int padding) {
        if (filters <= 0 || kernel <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException("conv2d needs positive filters, kernel and stride and a padding >= 0,"
                    + " got filters " + filters + ", kernel " + kernel + ", stride " + stride + ", padding " + padding);
        }
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    public int filters() {
        return filters;
    }

    public int kernel() {
        return kernel;
    }

    public int stride() {
        return stride;
    }

    public int padding() {
        return padding;
    }

    @Override
    public String type() {
        return "conv2d";
    }

    @Override
    public Shape outputShape(Shape input) {
        ImageShape in = ImageShape.of(input, type());
        String what = "kernel " + kernel;
        int outHeight = ImageShape.slide(in.height(), kernel, stride, padding, what, "rows");
        int outWidth = ImageShape.slide(in.width(), kernel, stride, padding, what, "columns");
        return Shape.of(filters, outHeight, outWidth);
    }

    @Override
    public int paramCount(Shape input) {
        int taps = Math.multiplyExact(ImageShape.of(input, type()).channels(), kernel * kernel);
        return Math.addExact(Math.multiplyExact(taps, filters), filters);
    }

    @Override
    public void initialize(Shape input, Initializer initializer, Random rng, double[] params, int offset) {
        int fanIn = ImageShape.of(input, type()).channels() * kernel * kernel;
        int fanOut = filters * kernel * kernel;
        int weights = fanIn * filters;
        for (int i = 0; i < weights; i++) {
            params[offset + i] = initializer.sample(rng, fanIn, fanOut);
        }
        Arrays.fill(params, offset + weights, offset + weights + filters, 0.0);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", type());
        d.put("filters", filters);
        d.put("kernel", kernel);
        d.put("stride", stride);
        d.put("padding", padding);
        return d;
    }
}
