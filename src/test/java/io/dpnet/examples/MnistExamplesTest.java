package io.dpnet.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.testing.LocalSpark;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** Runs {@link MnistExamples} as written, on the bundled digits, and checks that both networks learn them. */
@LocalSpark
class MnistExamplesTest {

    @Test
    void theMlpLearnsTheDigits(JavaSparkContext sc) throws Exception {
        double accuracy = MnistExamples.mlp(sc, 8);
        assertTrue(accuracy >= 0.92, "MLP test accuracy after 8 epochs: " + accuracy);
    }

    @Test
    void theCnnLearnsTheDigits(JavaSparkContext sc) throws Exception {
        double accuracy = MnistExamples.cnn(sc, 2);
        assertTrue(accuracy >= 0.95, "CNN test accuracy after 2 epochs: " + accuracy);
    }
}
