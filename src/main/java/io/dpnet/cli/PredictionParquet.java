package io.dpnet.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Predictions as a Parquet folder written by Spark, one row per input row: {@code key} (of the key column's type, or
 * the row number as a long), {@code prediction} (int) and, with probabilities, {@code probability} (array of double:
 * a float32 model's float32 values, exactly). The part files hold the rows in input order.
 */
final class PredictionParquet {
    private PredictionParquet() {
    }

    /**
     * Refuses an {@code out} that exists, before any work: Spark would fail only once the predictions are made, and
     * replacing a folder could delete the input itself.
     */
    static void checkAbsent(String out, Configuration hadoop) throws IOException {
        Path path = new Path(out);
        if (path.getFileSystem(hadoop).exists(path)) {
            throw new IllegalArgumentException("--out " + out + " already exists; Parquet predictions are written to "
                    + "a new folder (remove it, or name another)");
        }
    }

    static void write(Predictions predictions, String out, JavaSparkContext sc, int partitions) {
        StructType schema = new StructType()
                .add("key", predictions.keys().type(), false)
                .add("prediction", DataTypes.IntegerType, false);
        int classes = predictions.numClasses();
        if (predictions.hasProbabilities()) {
            schema = schema.add("probability", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
        }
        List<Row> rows = new ArrayList<>(predictions.size());
        for (int i = 0; i < predictions.size(); i++) {
            Object key = predictions.keys().get(i);
            int predicted = predictions.classes()[i];
            rows.add(predictions.hasProbabilities()
                    ? RowFactory.create(key, predicted,
                            Arrays.copyOfRange(predictions.probabilities(), i * classes, (i + 1) * classes))
                    : RowFactory.create(key, predicted));
        }
        SparkSession session = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        int slices = Math.max(1, Math.min(partitions, rows.size()));
        session.createDataFrame(sc.parallelize(rows, slices), schema).write().parquet(out);
    }
}
