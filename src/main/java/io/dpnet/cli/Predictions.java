package io.dpnet.cli;

/**
 * What predict writes, in input order: each row's key and predicted class and, unless {@code probabilities} is null,
 * its probability of every class ([numClasses x rows] column-major), float32 numbers when {@code float32}.
 */
record Predictions(RowKeys keys, int[] classes, double[] probabilities, int numClasses, boolean float32) {

    int size() {
        return classes.length;
    }

    boolean hasProbabilities() {
        return probabilities != null;
    }

    double probability(int row, int k) {
        return probabilities[row * numClasses + k];
    }
}
