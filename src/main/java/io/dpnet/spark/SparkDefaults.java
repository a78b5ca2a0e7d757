package io.dpnet.spark;

import org.apache.spark.SparkConf;

/**
 * Spark settings that suit dpnet, applied only where the user set nothing. Measured on 2 cores in local mode
 * (docs/BENCHMARKS.md): Kryo and uncompressed broadcasts cut the cost of moving 110k weights out and gradients back
 * by a Spark job from about 8 ms to about 4, which the evaluations, the model-averaging rounds and the one-job-per-step
 * exchange still pay.
 */
public final class SparkDefaults {
    private SparkDefaults() {
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
