package io.dpnet.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.testing.LocalSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Runs {@link PipelineExample} as it is written: a Spark ML Pipeline on the bundled MNIST digits. */
@LocalSpark
class PipelineExampleTest {

    @Test
    void thePipelineClassifiesHeldOutDigits(SparkSession spark) throws Exception {
        long start = System.nanoTime();
        double accuracy = PipelineExample.run(spark);
        System.out.printf("PipelineExample: test accuracy %.4f in %.1f s%n", accuracy,
                (System.nanoTime() - start) / 1e9);
        assertTrue(accuracy >= 0.9, "test accuracy " + accuracy);
    }
}
