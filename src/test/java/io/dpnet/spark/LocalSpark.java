package io.dpnet.spark;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** A real Spark context for tests: local threads, loopback only, no UI. Close it after the test class. */
public final class LocalSpark {
    private LocalSpark() {
    }

    /**
     * This JVM's module and Netty flags (the {@code --add-opens} Spark needs on Java 17), for the JVMs a test starts
     * itself: executors, or a driver to kill.
     */
    public static List<String> moduleFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-Djdk.") || a.startsWith("-Dio.netty"))
                .toList();
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
