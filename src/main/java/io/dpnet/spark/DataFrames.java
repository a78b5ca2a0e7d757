package io.dpnet.spark;

import static org.apache.spark.sql.functions.col;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.NetworkSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Any DataFrame with a vector features column and a numeric label column as dpnet data: every row checked against the
 * network, with an error naming the row, and packed on the executors ({@link DataFrameBlocks}). Training on one goes
 * through {@link TrainingData#frame}; this collects one to the driver, e.g. as a test set.
 */
public final class DataFrames {
    /** Where a keyed row holds its key: after the columns that {@link RowCheck} reads. */
    private static final int KEY = 2;

    private DataFrames() {
    }

    /** All rows of {@code frame}, checked, as one block on the driver: a test set, or data to evaluate. */
    public static DataBlock collect(Dataset<Row> frame, String featuresCol, String labelCol, NetworkSpec network) {
        checkColumns(frame, featuresCol, labelCol);
        try (DataFrameBlocks data = pack(frame, featuresCol, labelCol, network, 1)) {
            return DataBlock.join(data.blocks().collect());
        }
    }

    /** Rows collected by {@link #collectKeyed}: the samples, and the key of each, of the key column's type. */
    public record KeyedBlock(DataBlock data, DataType keyType, Object[] keys) {
    }

    /**
     * {@link #collect}, with each row's value of {@code keyCol} in the same order, read in the same pass (a second
     * read of the source might not list its rows in the same order). A key column must hold strings, numbers,
     * booleans, dates or timestamps, none null: a null key fails, naming the row, as a bad feature does.
     */
    public static KeyedBlock collectKeyed(Dataset<Row> frame, String featuresCol, String labelCol, String keyCol,
                                          NetworkSpec network) {
        checkColumns(frame, featuresCol, labelCol);
        DataType keyType = keyType(frame, keyCol);
        RowCheck check = new RowCheck(network.inputSize(), network.numClasses(), featuresCol, labelCol);
        List<KeyedPartition> parts = frame.select(col(featuresCol), col(labelCol), col(keyCol)).javaRDD()
                .mapPartitionsWithIndex((index, rows) -> {
                    KeyRecorder recorder = new KeyRecorder(rows, KEY);
                    PackedPartition packed = PartitionPacker.pack(index, recorder, check);
                    if (!packed.failed() && recorder.stoppedAtNullKey()) {
                        packed = PackedPartition.failed(index, packed.rows, "key column '" + keyCol + "' is null");
                    }
                    return List.of(new KeyedPartition(packed, recorder.keys())).iterator();
                }, true)
                .collect();
        List<DataBlock> blocks = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        long total = 0;
        for (KeyedPartition part : parts) {
            PackedPartition p = part.packed;
            if (p.failed()) {
                throw new IllegalArgumentException(p.problem + " (row " + (total + p.problemRow)
                        + " of the DataFrame, counting from 0)");
            }
            if (p.rows > 0) {
                blocks.add(p.block.startingAt(total));
                keys.addAll(Arrays.asList(part.keys));
                total += p.rows;
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("the DataFrame has no rows");
        }
        return new KeyedBlock(DataBlock.join(blocks), keyType, keys.toArray());
    }

    /** The type of {@code frame}'s column {@code keyCol}, which must exist and hold plain values. */
    private static DataType keyType(Dataset<Row> frame, String keyCol) {
        List<String> columns = Arrays.asList(frame.columns());
        if (!columns.contains(keyCol)) {
            throw new IllegalArgumentException("the data has no key column '" + keyCol + "' (its columns: "
                    + String.join(", ", columns) + ")");
        }
        DataType type = frame.schema().apply(keyCol).dataType();
        if (!(type instanceof StringType || type instanceof NumericType || type instanceof BooleanType
                || type instanceof DateType || type instanceof TimestampType || type instanceof TimestampNTZType)) {
            throw new IllegalArgumentException("key column '" + keyCol + "' holds " + type.simpleString()
                    + " values; a key must be a string, number, boolean, date or timestamp");
        }
        return type;
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
