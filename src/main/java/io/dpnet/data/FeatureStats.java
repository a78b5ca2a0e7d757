package io.dpnet.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * What a data set holds, gathered in one pass: samples per class and, per feature, the smallest and largest value,
 * the mean and the sum of squared deviations from it. Pieces computed apart (one per block or partition) {@link #merge}
 * by Chan et al.'s pairwise update, which stays exact where summing squares would cancel; merging in a fixed order
 * gives the same bits on every run.
 */
public final class FeatureStats implements Serializable {
    private static final long serialVersionUID = 1L;

    private long count;
    private long[] classCounts;
    private final double[] min;
    private final double[] max;
    private final double[] mean;
    private final double[] squares;

    private FeatureStats(int features) {
        this.classCounts = new long[0];
        this.min = new double[features];
        this.max = new double[features];
        this.mean = new double[features];
        this.squares = new double[features];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    /** The statistics of one block. */
    public static FeatureStats of(DataBlock block) {
        int features = block.featureCount();
        FeatureStats s = new FeatureStats(features);
        double[] row = new double[features];
        for (int i = 0; i < block.size(); i++) {
            block.copyFeatures(i, row, 0);
            s.add(row, block.label(i));
        }
        return s;
    }

    /** The statistics of pieces, merged in list order. */
    public static FeatureStats merge(List<FeatureStats> pieces) {
        if (pieces.isEmpty()) {
            throw new IllegalArgumentException("no statistics to merge");
        }
        FeatureStats all = new FeatureStats(pieces.get(0).featureCount());
        for (FeatureStats piece : pieces) {
            all.merge(piece);
        }
        return all;
    }

    /** Welford's update by one sample. */
    private void add(double[] row, int label) {
        count++;
        countLabel(label, 1);
        double inverse = 1.0 / count;
        for (int j = 0; j < row.length; j++) {
            double v = row[j];
            min[j] = Math.min(min[j], v);
            max[j] = Math.max(max[j], v);
            double delta = v - mean[j];
            mean[j] += delta * inverse;
            squares[j] += delta * (v - mean[j]);
        }
    }

    /** Adds {@code other}'s samples to these. */
    public void merge(FeatureStats other) {
        if (other.featureCount() != featureCount()) {
            throw new IllegalArgumentException("statistics of " + other.featureCount() + " features cannot join "
                    + featureCount());
        }
        if (other.count == 0) {
            return;
        }
        long total = count + other.count;
        for (int j = 0; j < mean.length; j++) {
            double delta = other.mean[j] - mean[j];
            mean[j] += delta * other.count / total;
            squares[j] += other.squares[j] + delta * delta * ((double) count * other.count / total);
            min[j] = Math.min(min[j], other.min[j]);
            max[j] = Math.max(max[j], other.max[j]);
        }
        count = total;
        for (int c = 0; c < other.classCounts.length; c++) {
            countLabel(c, other.classCounts[c]);
        }
    }

    private void countLabel(int label, long n) {
        if (label < 0) {
            throw new IllegalArgumentException("negative label " + label);
        }
        if (label >= classCounts.length) {
            classCounts = Arrays.copyOf(classCounts, Math.max(label + 1, 2 * classCounts.length));
        }
        classCounts[label] += n;
    }

    public long count() {
        return count;
    }

    public int featureCount() {
        return mean.length;
    }

    /** Samples labelled {@code label} (0 beyond the largest label seen). */
    public long classCount(int label) {
        return label < classCounts.length ? classCounts[label] : 0;
    }

    /** One more than the largest label seen. */
    public int labelRange() {
        int n = classCounts.length;
        while (n > 0 && classCounts[n - 1] == 0) {
            n--;
        }
        return n;
    }

    public double min(int feature) {
        return min[feature];
    }

    public double max(int feature) {
        return max[feature];
    }

    public double mean(int feature) {
        return mean[feature];
    }

    /** Population standard deviation. */
    public double std(int feature) {
        return count == 0 ? 0 : Math.sqrt(squares[feature] / count);
    }

    /** The smallest value of any feature. */
    public double min() {
        return Arrays.stream(min).min().orElse(Double.NaN);
    }

    public double max() {
        return Arrays.stream(max).max().orElse(Double.NaN);
    }

    /** The largest magnitude of any value. */
    public double maxAbs() {
        return Math.max(Math.abs(min()), Math.abs(max()));
    }

    /** The mean over all values of all features. */
    public double mean() {
        return Arrays.stream(mean).average().orElse(Double.NaN);
    }
}
