package io.dpnet.nn.layer;

import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Max pooling over square windows of {@code size}, moved by {@code stride} (by default the size: windows side by side),
 * channel by channel, without padding. As in PyTorch and Keras, the output has floor((extent - size) / stride) + 1
 * positions per axis, so rows or columns that no whole window reaches (the last column of 5 under 2x2 windows) are
 * left out. Backward sends each output's gradient to the input that was the window's maximum (the first one on ties),
 * adding where overlapping windows share it.
 */
public final class MaxPool2D implements LayerSpec {
    private static final long serialVersionUID = 1L;
    private final int size;
    private final int stride;

    public MaxPool2D(int size, int stride) {
        if (size <= 0 || stride <= 0) {
            throw new IllegalArgumentException("maxpool2d needs a positive size and stride, got size " + size
                    + ", stride " + stride);
        }
        this.size = size;
        this.stride = stride;
    }

    public MaxPool2D(int size) {
        this(size, size);
    }

    public int size() {
        return size;
    }

    public int stride() {
        return stride;
    }

    @Override
    public String type() {
        return "maxpool2d";
    }

    @Override
    public Shape outputShape(Shape input) {
        ImageShape in = ImageShape.of(input, type());
        String what = "pool " + size;
        return Shape.of(in.channels(), ImageShape.slide(in.height(), size, stride, 0, what, "rows"),
                ImageShape.slide(in.width(), size, stride, 0, what, "columns"));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", type());
        d.put("size", size);
        d.put("stride", stride);
        return d;
    }
}
