package io.dpnet.testing;

import io.dpnet.spark.SparkDefaults;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.apache.spark.SparkConf;

/**
 * The one SparkConf the tests start Spark with, and the JVM flags for the processes they launch themselves. Tests
 * that run the command line instead get {@code spark.ui.enabled=false} from the build (Surefire's system properties).
 */
public final class SparkTestConf {
    private SparkTestConf() {
    }

    /** {@link #forMaster} on {@code local[threads]}. */
    public static SparkConf local(Class<?> testClass, int threads) {
        return forMaster(testClass, "local[" + threads + "]");
    }

    /**
     * dpnet's defaults ({@link SparkDefaults}, as a user's run has them) on the given master, named after the test
     * class: loopback only, so that no test depends on the machine's network, and no UI, whose port would be taken.
     */
    public static SparkConf forMaster(Class<?> testClass, String master) {
        return SparkDefaults.apply(new SparkConf())
                .setMaster(master)
                .setAppName(testClass.getSimpleName())
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.sql.shuffle.partitions", "4");
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
}
