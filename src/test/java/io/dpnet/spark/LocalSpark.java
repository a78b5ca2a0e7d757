package io.dpnet.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** A real Spark context for tests: local threads, loopback only, no UI. Close it after the test class. */
public final class LocalSpark {
    private LocalSpark() {
    }

    public static JavaSparkContext start(String appName, int threads) {
        SparkConf conf = SparkDefaults.apply(new SparkConf())
                .setMaster("local[" + threads + "]")
                .setAppName(appName)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.sql.shuffle.partitions", "4");
        return new JavaSparkContext(conf);
    }
}
