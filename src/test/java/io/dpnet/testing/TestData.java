package io.dpnet.testing;

import io.dpnet.data.DataBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Small labelled data sets that several tests share, generated from seeds: tests compare models bit for bit, so what
 * a seed gives must not change.
 */
public final class TestData {
    private TestData() {
    }

    /** Spark ML's default columns: a vector {@code features} and a double {@code label}. */
    public static final StructType SCHEMA = new StructType()
            .add("features", SQLDataTypes.VectorType(), true)
            .add("label", DataTypes.DoubleType, true);

    /** The four XOR points, as MLlib's own test suite has them. */
    public static Dataset<Row> xor(SparkSession spark) {
        return frame(spark, new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, new double[] {0, 1, 1, 0});
    }

    /** Rows of {@link #SCHEMA}: the features and the label of each point. */
    public static Dataset<Row> frame(SparkSession spark, double[][] features, double[] labels) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            rows.add(RowFactory.create(Vectors.dense(features[i]), labels[i]));
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** Labelled points with their data as arrays too, for comparing with dpnet's own trainer. */
    public record Points(double[][] features, double[] labels) {
        public Dataset<Row> frame(SparkSession spark) {
            return TestData.frame(spark, features, labels);
        }

        public DataBlock block() {
            int width = features[0].length;
            double[] flat = new double[labels.length * width];
            int[] classes = new int[labels.length];
            for (int i = 0; i < labels.length; i++) {
                System.arraycopy(features[i], 0, flat, i * width, width);
                classes[i] = (int) labels[i];
            }
            return DataBlock.ofFeatures(flat, width, classes);
        }
    }

    /**
     * Three Gaussian blobs in 2-D around (0, 3), (3, -2) and (-3, -2), {@code perClass} points each, classes taking
     * turns, from a seed: a small multi-class set that a network separates almost perfectly.
     */
    public static Points blobs(int perClass, long seed) {
        Random rng = new Random(seed);
        double[][] centres = {{0, 3}, {3, -2}, {-3, -2}};
        double[][] x = new double[3 * perClass][];
        double[] y = new double[3 * perClass];
        for (int i = 0; i < x.length; i++) {
            int c = i % 3;
            x[i] = new double[] {centres[c][0] + rng.nextGaussian(), centres[c][1] + rng.nextGaussian()};
            y[i] = c;
        }
        return new Points(x, y);
    }

    /**
     * {@code n} points drawn from a multinomial logistic model, a set that logistic regression fits as well as any
     * classifier can: features independent Gaussians of the given means and variances; class 0 has margin 0 and
     * class {@code k >= 1} the margin {@code coefficients[k-1] . (x, 1)} (the last coefficient is the intercept);
     * the label is drawn with the softmax of the margins as its probabilities.
     */
    public static Points multinomialLogistic(double[][] coefficients, double[] mean, double[] variance, int n,
                                             long seed) {
        Random rng = new Random(seed);
        int width = mean.length;
        double[][] x = new double[n][width];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < width; j++) {
                x[i][j] = mean[j] + Math.sqrt(variance[j]) * rng.nextGaussian();
            }
            double[] p = new double[coefficients.length + 1];
            p[0] = 1; // exp(0)
            double sum = 1;
            for (int k = 1; k < p.length; k++) {
                double margin = coefficients[k - 1][width];
                for (int j = 0; j < width; j++) {
                    margin += coefficients[k - 1][j] * x[i][j];
                }
                p[k] = Math.exp(margin);
                sum += p[k];
            }
            double u = rng.nextDouble() * sum;
            int label = 0;
            while (label < p.length - 1 && u >= p[label]) {
                u -= p[label++];
            }
            y[i] = label;
        }
        return new Points(x, y);
    }
}
