package io.dpnet.bench;

import io.dpnet.nn.Blas;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/** What nothing of ours can beat on this machine: the BLAS's GEMM rate and a trivial Spark job's latency. */
final class Floors {
    private Floors() {
    }

    /** GFLOP/s of an n x n x n double GEMM, best of a few runs. */
    static double gemmGflops(int n) {
        Random rng = new Random(1);
        double[] a = new double[n * n];
        double[] b = new double[n * n];
        double[] c = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextDouble();
            b[i] = rng.nextDouble();
        }
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < 5; rep++) {
            long t = System.nanoTime();
            Blas.gemm(false, false, n, n, n, 1.0, a, 0, b, 0, 0.0, c, 0);
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        return 2.0 * n * n * n / best / 1e9;
    }

    /** GFLOP/s of an n x n x n float GEMM, best of a few runs. */
    static double sgemmGflops(int n) {
        Random rng = new Random(1);
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        float[] c = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextFloat();
            b[i] = rng.nextFloat();
        }
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < 5; rep++) {
            long t = System.nanoTime();
            Blas.gemm(false, false, n, n, n, 1.0f, a, 0, b, 0, 0.0f, c, 0);
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        return 2.0 * n * n * n / best / 1e9;
    }

    /** Median latency in ms of {@code count()} on a cached RDD with as many partitions as task slots. */
    static double trivialJobMillis(JavaSparkContext sc, int partitions) {
        JavaRDD<Integer> rdd = sc.parallelize(List.of(1, 2, 3, 4), partitions).cache();
        rdd.count();
        return medianMillis(() -> rdd.count(), 60);
    }

    static double medianMillis(Runnable job, int runs) {
        for (int i = 0; i < 10; i++) {
            job.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            job.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }
}
