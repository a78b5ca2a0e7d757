package io.dpnet.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.ml.TestSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Runs {@link PipelineExample} as it is written: a Spark ML Pipeline on the bundled MNIST digits. */
class PipelineExampleTest {

    @Test
    void thePipelineClassifiesHeldOutDigits() throws Exception {
        SparkSession spark = TestSpark.start(PipelineExampleTest.class);
        try {
            long start = System.nanoTime();
            double accuracy = PipelineExample.run(spark);
            System.out.printf("PipelineExample: test accuracy %.4f in %.1f s%n", accuracy,
                    (System.nanoTime() - start) / 1e9);
            assertTrue(accuracy >= 0.9, "test accuracy " + accuracy);
        } finally {
            TestSpark.stop(spark);
        }
    }
}
