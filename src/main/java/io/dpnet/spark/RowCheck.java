package io.dpnet.spark;

import java.io.Serializable;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * Checks one training row, {@code (features, label)}, against the network before anything trains: a label must be a
 * class index the output layer has, and the features must fill the input layer with finite numbers. Each check
 * returns what is wrong in words naming the column and the value, or null.
 */
final class RowCheck implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int FEATURES = 0;
    static final int LABEL = 1;

    private final int featureCount;
    private final int numClasses;
    private final String featuresCol;
    private final String labelCol;

    RowCheck(int featureCount, int numClasses, String featuresCol, String labelCol) {
        this.featureCount = featureCount;
        this.numClasses = numClasses;
        this.featuresCol = featuresCol;
        this.labelCol = labelCol;
    }

    int featureCount() {
        return featureCount;
    }

    String labelProblem(Row row) {
        if (row.isNullAt(LABEL)) {
            return "label column '" + labelCol + "' is null";
        }
        double label = ((Number) row.get(LABEL)).doubleValue();
        String holds = "label column '" + labelCol + "' holds " + label;
        if (Double.isNaN(label)) {
            return holds + ": labels must be class indices 0.." + (numClasses - 1);
        }
        if (label < 0) {
            return holds + ": labels cannot be negative (they are class indices 0.." + (numClasses - 1) + ")";
        }
        if (label != Math.rint(label)) {
            return holds + ": labels must be whole numbers (class indices 0.." + (numClasses - 1) + ")";
        }
        if (label >= numClasses) {
            return holds + ", but the network has " + numClasses + " classes (its output layer), so labels must be "
                    + "in 0.." + (numClasses - 1);
        }
        return null;
    }

    String featuresProblem(Row row) {
        if (row.isNullAt(FEATURES)) {
            return "features column '" + featuresCol + "' is null";
        }
        Vector v = (Vector) row.get(FEATURES);
        if (v.size() != featureCount) {
            return "features column '" + featuresCol + "' holds a vector of " + v.size() + " values, but the network "
                    + "takes " + featureCount + " (its input layer)";
        }
        double[] values = v instanceof SparseVector sparse ? sparse.values() : ((DenseVector) v).values();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                int index = v instanceof SparseVector sparse ? sparse.indices()[i] : i;
                return "features column '" + featuresCol + "' holds " + values[i] + " at index " + index
                        + ": features must be finite numbers";
            }
        }
        return null;
    }

    /** The row's label as a class index; call only after {@link #labelProblem} found nothing. */
    static int label(Row row) {
        return (int) ((Number) row.get(LABEL)).doubleValue();
    }
}
