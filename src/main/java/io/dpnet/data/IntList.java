package io.dpnet.data;

import java.util.Arrays;

/** A growable int array, so that readers can fill flat arrays without boxing or knowing the sample count. */
final class IntList {
    private int[] values = new int[1024];
    private int size;

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, ArrayLimits.grown(size));
        }
        values[size++] = value;
    }

    int get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
