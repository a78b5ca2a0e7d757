package io.dpnet.nn.layer;

import io.dpnet.nn.Shape;

/** A sample as an image: [channels, height, width], stored channel by channel, each channel row by row. */
public record ImageShape(int channels, int height, int width) {

    /** The image a shape stands for; throws, naming the layer type, unless it has three dimensions. */
    public static ImageShape of(Shape shape, String layerType) {
        if (shape.rank() != 3) {
            throw new IllegalArgumentException(layerType + " expects an image input [channels, height, width], got "
                    + shape + " (declare the network input as e.g. [1, 28, 28])");
        }
        return new ImageShape(shape.dim(0), shape.dim(1), shape.dim(2));
    }

    public int pixels() {
        return height * width;
    }

    public int size() {
        return Math.multiplyExact(channels, pixels());
    }

    /**
     * Positions of a window sliding along one axis: floor((extent + 2 padding - window) / stride) + 1, as in PyTorch,
     * Keras ("valid") and Caffe's convolution. Trailing rows or columns that a last step would only partly cover are
     * left out; a window larger than the padded extent is an error.
     *
     * @param what the window's name in messages, e.g. "kernel 5" or "pool 2"
     * @param axis "rows" or "columns"
     */
    static int slide(int extent, int window, int stride, int padding, String what, String axis) {
        int padded = extent + 2 * padding;
        if (window > padded) {
            throw new IllegalArgumentException(what + (padding > 0 ? " with padding " + padding : "")
                    + " does not fit in " + extent + " " + axis);
        }
        return (padded - window) / stride + 1;
    }
}
