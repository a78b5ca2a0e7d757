package io.dpnet.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType$;
import org.apache.spark.sql.types.StructField;

/** The rows a boolean indicator column holds out for validation (true) and those left to train on (false). */
final class ValidationRows {
    private ValidationRows() {
    }

    static Dataset<Row> training(Dataset<Row> rows, String indicator) {
        check(rows, indicator);
        return rows.filter(not(col(indicator)));
    }

    static Dataset<Row> validation(Dataset<Row> rows, String indicator) {
        check(rows, indicator);
        return rows.filter(col(indicator));
    }

    /** A boolean column, as Spark ML's tree ensembles want it; rows with a null indicator would belong nowhere. */
    private static void check(Dataset<Row> rows, String indicator) {
        StructField field = Arrays.stream(rows.schema().fields()).filter(f -> f.name().equals(indicator))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("validationIndicatorCol '" + indicator
                        + "' is not a column of the data (" + String.join(", ", rows.columns()) + ")"));
        if (!(field.dataType() instanceof BooleanType$)) {
            throw new IllegalArgumentException("validationIndicatorCol '" + indicator + "' must be boolean, not "
                    + field.dataType().simpleString());
        }
    }
}
