package io.dpnet.ml;

import static org.apache.spark.sql.functions.col;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.spark.SparkTraining;
import io.dpnet.train.TrainingConfig;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Any DataFrame with a vector features column and a numeric label column as dpnet data, for the command line's
 * DataFrame sources (Parquet, ORC, JSON): every row checked against the network, with an error naming the row, and
 * packed on the executors, as {@link NeuralNetClassifier} does.
 */
public final class DataFrameData {
    private DataFrameData() {
    }

    /** A trainer on {@code frame}, whose rows never pass through the driver; {@code test} may be null. */
    public static SparkTraining trainer(Dataset<Row> frame, String featuresCol, String labelCol, NetworkSpec network,
                                        TrainingConfig config, DataBlock test, int partitions) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(frame.sparkSession().sparkContext());
        try (DataFrameBlocks data = pack(frame, featuresCol, labelCol, network, partitions)) {
            // The trainer caches (and counts) its own shards of the packed rows before the packing is released.
            return SparkTraining.onPartitionedBlocks(sc, network, config, data.blocks(), data.count(), test,
                    partitions);
        }
    }

    /** All rows of {@code frame}, checked, as one block on the driver: a test set, or data to evaluate. */
    public static DataBlock collect(Dataset<Row> frame, String featuresCol, String labelCol, NetworkSpec network) {
        try (DataFrameBlocks data = pack(frame, featuresCol, labelCol, network, 1)) {
            return DataBlock.join(data.blocks().collect());
        }
    }

    private static DataFrameBlocks pack(Dataset<Row> frame, String featuresCol, String labelCol, NetworkSpec network,
                                        int partitions) {
        List<String> columns = Arrays.asList(frame.columns());
        for (String c : List.of(featuresCol, labelCol)) {
            if (!columns.contains(c)) {
                throw new IllegalArgumentException("the data has no column '" + c + "' (its columns: "
                        + String.join(", ", columns) + "); name them with --features-col and --label-col");
            }
        }
        RowCheck check = new RowCheck(network.inputSize(), network.numClasses(), featuresCol, labelCol);
        return DataFrameBlocks.pack(frame.select(col(featuresCol), col(labelCol)), check, partitions);
    }
}
