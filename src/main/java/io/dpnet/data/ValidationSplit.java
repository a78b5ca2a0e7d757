package io.dpnet.data;

import java.util.Arrays;
import java.util.Random;

/**
 * A data set cut into training and validation samples: exactly round(fraction · n) samples, drawn by a seeded
 * shuffle of the sample indices before the data is partitioned, so that the split depends on the seed and the data
 * only. Both parts keep the samples' order.
 */
public record ValidationSplit(DataBlock train, DataBlock validation) {

    /** Checks a validation fraction as options give it: strictly between 0 and 1. */
    public static void checkFraction(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("a validation split must lie strictly between 0 and 1, got "
                    + fraction);
        }
    }

    public static ValidationSplit of(DataBlock data, double fraction, long seed) {
        checkFraction(fraction);
        int n = data.size();
        long held = Math.round(fraction * n);
        if (held < 1 || held >= n) {
            throw new IllegalArgumentException("a validation split of " + fraction + " of " + n + " samples leaves "
                    + (held < 1 ? "no validation sample" : "no training sample"));
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random rng = new Random(seed ^ 0x5EEDL);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] validation = Arrays.copyOf(order, (int) held);
        int[] train = Arrays.copyOfRange(order, (int) held, n);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new ValidationSplit(data.select(train), data.select(validation));
    }
}
