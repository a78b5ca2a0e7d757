package io.dpnet.cli;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Spark for a command, started on first use: data on files is read and checked before Spark starts (bad input fails
 * fast), while DataFrame sources start it to be read.
 */
final class LazySpark implements AutoCloseable {
    private final SparkOptions options;
    private final String appName;
    private JavaSparkContext sc;

    LazySpark(SparkOptions options, String appName) {
        this.options = options;
        this.appName = appName;
    }

    JavaSparkContext get() {
        if (sc == null) {
            sc = options.start(appName);
        }
        return sc;
    }

    SparkSession session() {
        return SparkSession.builder().sparkContext(get().sc()).getOrCreate();
    }

    @Override
    public void close() {
        if (sc != null) {
            sc.close();
        }
    }
}
