package io.dpnet.train;

import io.dpnet.data.DataBlock;
import java.util.Random;

/** 200 samples of 4 features in 3 classes, each class shifted along its own feature: learnt in a few epochs. */
final class Blobs {
    private Blobs() {
    }

    static DataBlock of() {
        Random random = new Random(3);
        double[] x = new double[200 * 4];
        int[] y = new int[200];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = random.nextGaussian() + (j == y[i] ? 2 : 0);
            }
        }
        return DataBlock.ofFeatures(x, 4, y);
    }
}
