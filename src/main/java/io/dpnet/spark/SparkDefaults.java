package io.dpnet.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Spark settings that the trainer's one-job-per-step pattern wants, applied only where the user set nothing; and how
 * dpnet's own settings ({@code spark.dpnet.*}) are read.
 * Measured on 2 cores in local mode (docs/BENCHMARKS.md): Kryo and uncompressed broadcasts cut the cost of moving
 * 110k weights out and gradients back from about 8 ms a step to about 4.
 */
public final class SparkDefaults {
    private SparkDefaults() {
    }

    /**
     * A dpnet setting: this thread's local property {@code property} (one training's choice), else the application's
     * Spark property, else {@code fallback}; as Spark's own scheduler pools are chosen.
     */
    public static String setting(JavaSparkContext sc, String property, String fallback) {
        String local = sc.getLocalProperty(property);
        return local != null ? local : sc.getConf().get(property, fallback);
    }

    public static SparkConf apply(SparkConf conf) {
        return conf
                .setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                // Weights and gradients are dense doubles that LZ4 cannot shrink: compressing only costs time.
                .setIfMissing("spark.broadcast.compress", "false")
                // Each task already has a core to itself: a multi-threaded BLAS inside it would oversubscribe them.
                .setIfMissing("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
    }
}
