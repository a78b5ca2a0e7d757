package io.dpnet.ml;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.testing.LocalSpark;
import io.dpnet.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit} refuses data and settings that do not fit the network before any training, with an
 * IllegalArgumentException that names the column, the value and the row (counted from 0 in the DataFrame's order).
 */
@LocalSpark
class InputCheckTest {
    private static SparkSession spark;

    @BeforeAll
    static void start(SparkSession session) {
        spark = session;
    }

    private static NeuralNetClassifier classifier() {
        return new NeuralNetClassifier().setLayers(new int[] {2, 3, 3}).setMaxIter(1);
    }

    /** Seven good rows over three partitions, with {@code bad} (features, label) as row 5. */
    private static Dataset<Row> withRow5(Vector features, Double label) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            rows.add(i == 5 ? RowFactory.create(features, label) : RowFactory.create(Vectors.dense(i, -i), i % 3.0));
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(sc.parallelize(rows, 3), TestData.SCHEMA);
    }

    private static void assertRefused(Dataset<Row> data, NeuralNetClassifier classifier, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> classifier.fit(data));
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' not in: " + e.getMessage());
        }
    }

    private static void assertRefused(Vector features, Double label, String... fragments) {
        assertRefused(withRow5(features, label), classifier(), fragments);
    }

    @Test
    void labelsMustBeClassIndicesOfTheOutputLayer() {
        Vector ok = Vectors.dense(1, 2);
        assertRefused(ok, null, "label column 'label' is null", "row 5 ");
        assertRefused(ok, Double.NaN, "label column 'label' holds NaN", "row 5 ");
        assertRefused(ok, -1.0, "holds -1.0", "cannot be negative", "row 5 ");
        assertRefused(ok, 1.5, "holds 1.5", "whole numbers", "row 5 ");
        assertRefused(ok, 3.0, "holds 3.0", "3 classes", "0..2", "row 5 ");
    }

    @Test
    void featuresMustFillTheInputLayerWithFiniteNumbers() {
        assertRefused(null, 0.0, "features column 'features' is null", "row 5 ");
        assertRefused(Vectors.dense(1, Double.NaN), 0.0, "holds NaN at index 1", "row 5 ");
        assertRefused(Vectors.dense(Double.NEGATIVE_INFINITY, 0), 0.0, "holds -Infinity at index 0", "row 5 ");
        assertRefused(Vectors.sparse(2, new int[] {1}, new double[] {Double.POSITIVE_INFINITY}), 0.0,
                "holds Infinity at index 1");
        assertRefused(Vectors.dense(1, 2, 3), 0.0, "a vector of 3 values", "takes 2", "row 5 ");
    }

    @Test
    void aSparseVectorIsFine() {
        classifier().fit(withRow5(Vectors.sparse(2, new int[] {1}, new double[] {4}), 1.0));
    }

    @Test
    void theFeaturesMustBeAVectorAndTheLabelANumber() {
        Dataset<Row> good = withRow5(Vectors.dense(1, 2), 0.0);
        assertThrows(IllegalArgumentException.class, () -> classifier().fit(good.withColumn("label",
                good.col("label").cast("string"))));
        assertThrows(IllegalArgumentException.class, () -> classifier().setFeaturesCol("label").fit(good));
    }

    @Test
    void anEmptyDataFrameIsRefused() {
        assertRefused(withRow5(Vectors.dense(1, 2), 0.0).limit(0), classifier(), "no rows");
    }

    @Test
    void theNetworkMustBeDescribedOnceAndFitItsWeights(@TempDir Path dir) throws IOException {
        Dataset<Row> good = withRow5(Vectors.dense(1, 2), 0.0);
        assertRefused(good, new NeuralNetClassifier(), "set layers", "or configFile");
        Path recipe = dir.resolve("r.conf");
        Files.writeString(recipe, "network { input = [2], layers = [{ type = dense, units = 3 }] }");
        assertRefused(good, classifier().setConfigFile(recipe.toString()), "either layers or configFile");
        assertRefused(good, new NeuralNetClassifier().setConfigFile(dir.resolve("missing.conf").toString()),
                "missing.conf");
        assertRefused(good, classifier().setInitialWeights(Vectors.zeros(5)), "initialWeights holds 5 values",
                "21 parameters");
        assertRefused(good, new NeuralNetClassifier().setLayers(new int[] {2, 1}), "at least 2");
        assertRefused(good, classifier().setSolver("sgd").setMomentum(0).setNesterov(true), "nesterov");
    }
}
