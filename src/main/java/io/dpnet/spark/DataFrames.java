package io.dpnet.spark;

import static org.apache.spark.sql.functions.col;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.NetworkSpec;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Any DataFrame with a vector features column and a numeric label column as dpnet data: every row checked against the
 * network, with an error naming the row, and packed on the executors ({@link DataFrameBlocks}). Training on one goes
 * through {@link TrainingData#frame}; this collects one to the driver, e.g. as a test set.
 */
public final class DataFrames {
    private DataFrames() {
    }

    /** All rows of {@code frame}, checked, as one block on the driver: a test set, or data to evaluate. */
    public static DataBlock collect(Dataset<Row> frame, String featuresCol, String labelCol, NetworkSpec network) {
        checkColumns(frame, featuresCol, labelCol);
        try (DataFrameBlocks data = pack(frame, featuresCol, labelCol, network, 1)) {
            return DataBlock.join(data.blocks().collect());
        }
    }

    /** {@code frame}'s two columns (which it has), their rows checked and packed into contiguous partitions. */
    static DataFrameBlocks pack(Dataset<Row> frame, String featuresCol, String labelCol, NetworkSpec network,
                                int partitions) {
        RowCheck check = new RowCheck(network.inputSize(), network.numClasses(), featuresCol, labelCol);
        return DataFrameBlocks.pack(frame.select(col(featuresCol), col(labelCol)), check, partitions);
    }

    /** Fails unless {@code frame} has both columns, naming the ones it has. */
    public static void checkColumns(Dataset<Row> frame, String featuresCol, String labelCol) {
        List<String> columns = Arrays.asList(frame.columns());
        for (String c : List.of(featuresCol, labelCol)) {
            if (!columns.contains(c)) {
                throw new IllegalArgumentException("the data has no column '" + c + "' (its columns: "
                        + String.join(", ", columns) + ")");
            }
        }
    }
}
