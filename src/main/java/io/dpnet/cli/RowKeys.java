package io.dpnet.cli;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** What keys each input row in predict's output: its row number, or its value of a key column, of that type. */
record RowKeys(DataType type, Object[] values) {

    /** Row numbers from 0, in input order, as longs. */
    static RowKeys rowNumbers() {
        return new RowKeys(DataTypes.LongType, null);
    }

    Object get(int row) {
        return values == null ? Long.valueOf(row) : values[row];
    }
}
