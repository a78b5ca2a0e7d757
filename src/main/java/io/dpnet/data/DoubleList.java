package io.dpnet.data;

import java.util.Arrays;

/** A growable double array, so that readers can fill flat arrays without boxing or knowing the sample count. */
final class DoubleList {
    private double[] values = new double[1024];
    private int size;

    void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, ArrayLimits.grown(size));
        }
        values[size++] = value;
    }

    double get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    double[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
