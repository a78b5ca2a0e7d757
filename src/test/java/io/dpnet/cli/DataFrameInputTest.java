package io.dpnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dpnet.data.BundledMnist;
import io.dpnet.data.DataBlock;
import io.dpnet.data.MnistData;
import io.dpnet.testing.SparkTestConf;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, evaluate and predict on Parquet data sets (any DataFrame source): a vector column and a label column. */
class DataFrameInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StructType SCHEMA = new StructType()
            .add("pixels", SQLDataTypes.VectorType(), false)
            .add("digit", DataTypes.DoubleType, true);

    @TempDir
    static Path dir;
    private static Path train;
    private static Path test;
    private static Path broken;

    /** Writes digits of the bundled subset as Parquet, with a session that is stopped before the commands run. */
    @BeforeAll
    static void writeParquet() throws java.io.IOException {
        SparkSession spark = SparkSession.builder().config(SparkTestConf.local(DataFrameInputTest.class, 2))
                .getOrCreate();
        try {
            MnistData mnist = BundledMnist.load();
            train = dir.resolve("train.parquet");
            test = dir.resolve("test.parquet");
            broken = dir.resolve("broken.parquet");
            spark.createDataFrame(rows(mnist.train(), 4000, -1), SCHEMA).write().parquet(train.toString());
            spark.createDataFrame(rows(mnist.test(), 1000, -1), SCHEMA).write().parquet(test.toString());
            // One file, so that the rows read back in the order written and the row number is known.
            spark.createDataFrame(rows(mnist.test(), 100, 42), SCHEMA).coalesce(1).write().parquet(broken.toString());
        } finally {
            spark.stop();
            SparkSession.clearActiveSession();
            SparkSession.clearDefaultSession();
        }
    }

    /** The first {@code n} samples as rows; row {@code nullLabel} (if any) has no label. */
    private static List<Row> rows(DataBlock block, int n, int nullLabel) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[block.featureCount()];
            block.copyFeatures(i, x, 0);
            rows.add(RowFactory.create(Vectors.dense(x), i == nullLabel ? null : (double) block.label(i)));
        }
        return rows;
    }

    @Test
    void trainsAndEvaluatesOnParquet() throws Exception {
        Path model = dir.resolve("parquet.model");
        Path metrics = dir.resolve("train.json");
        CliRun run = CliRun.of("train", "--master", "local[2]", "--data", train.toString(), "--test-data",
                test.toString(), "--features-col", "pixels", "--label-col", "digit", "--epochs", "3",
                "--model-out", model.toString(), "--metrics-out", metrics.toString());
        assertEquals(0, run.status(), run.err());
        double accuracy = JSON.readTree(metrics.toFile()).get("test_accuracy").asDouble();
        assertTrue(accuracy > 0.85, "test accuracy after 3 epochs on 4,000 digits: " + accuracy);

        Path evaluation = dir.resolve("eval.json");
        CliRun evaluate = CliRun.of("evaluate", "--master", "local[2]", "--model", model.toString(), "--data",
                test.toString(), "--features-col", "pixels", "--label-col", "digit", "--metrics-out",
                evaluation.toString());
        assertEquals(0, evaluate.status(), evaluate.err());
        assertEquals(accuracy, JSON.readTree(evaluation.toFile()).get("test_accuracy").asDouble(), 1e-12);
        assertEquals(1000, JSON.readTree(evaluation.toFile()).get("samples").asInt());
    }

    @Test
    void aMissingColumnOrABadRowIsOneClearLine() {
        CliRun noColumn = CliRun.of("train", "--master", "local[2]", "--data", train.toString(), "--epochs", "1");
        assertEquals(2, noColumn.status(), noColumn.err());
        assertTrue(noColumn.errorLines().contains("no column 'features' (its columns: pixels, digit)"),
                noColumn.err());

        CliRun nullLabel = CliRun.of("train", "--master", "local[2]", "--data", broken.toString(),
                "--features-col", "pixels", "--label-col", "digit", "--epochs", "1");
        assertEquals(2, nullLabel.status(), nullLabel.err());
        assertTrue(nullLabel.errorLines().contains("label column 'digit' is null"), nullLabel.err());
        assertTrue(nullLabel.errorLines().contains("row 42"), nullLabel.err());
    }
}
