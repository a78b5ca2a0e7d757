package io.dpnet.data;

import java.io.Serializable;

/**
 * A training and a test set of {@code rows x cols} grey-scale images; the shape is kept because convolutional layers
 * need it, while the blocks hold each image as {@code rows * cols} flat pixels.
 */
public record MnistData(DataBlock train, DataBlock test, int rows, int cols) implements Serializable {

    /** The shape of one image as a convolutional layer takes it: {@code [channels, rows, cols]}. */
    public int[] imageShape() {
        return new int[] {1, rows, cols};
    }
}
