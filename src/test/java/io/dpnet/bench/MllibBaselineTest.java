package io.dpnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.bench.MllibBaseline.Point;
import io.dpnet.bench.MllibBaseline.Result;
import io.dpnet.data.BundledMnist;
import io.dpnet.data.MnistData;
import io.dpnet.testing.LocalSpark;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The MLlib baseline on a small MNIST cut: chunked L-BFGS keeps learning and the curve is consistent. */
@LocalSpark
class MllibBaselineTest {
    private static final double TARGET = 0.80;
    private static final double BUDGET_SECONDS = 60;

    private static SparkSession spark;
    private static MnistData mnist;

    @BeforeAll
    static void start(SparkSession session) throws IOException {
        spark = session;
        MnistData full = BundledMnist.load();
        mnist = new MnistData(full.train().slice(0, 2_000), full.test().slice(0, 500), full.rows(), full.cols());
    }

    @Test
    void chunkedTrainingLearnsAndRecordsAConsistentCurve() {
        // The target ends the run after three chunks (15 iterations reach about 84%); the budget is only a guard
        // for a run that stops learning. With seed 1 the accuracies are the same from run to run, only times vary.
        Result r = MllibBaseline.run(spark, mnist, new int[] {784, 32, 10}, 128, 5, BUDGET_SECONDS, TARGET, 1);
        List<Point> curve = r.curve();
        assertFalse(curve.isEmpty());
        for (int i = 1; i < curve.size(); i++) {
            assertTrue(curve.get(i).iterations() > curve.get(i - 1).iterations(), "iterations increase: " + curve);
            assertTrue(curve.get(i).seconds() >= curve.get(i - 1).seconds(), "seconds do not decrease: " + curve);
        }
        Point last = curve.get(curve.size() - 1);
        assertTrue(last.testAccuracy() > 0.7, "accuracy after the last chunk: " + curve);
        assertEquals(last.iterations(), r.iterations());
        assertEquals(last.seconds(), r.trainSeconds(), 1e-12);

        // secondsToTarget is the time of the first point at the target, null iff there is none.
        Double firstAtTarget = curve.stream().filter(p -> p.testAccuracy() >= TARGET).map(Point::seconds)
                .findFirst().orElse(null);
        assertEquals(firstAtTarget, r.secondsToTarget());
        assertEquals(curve.stream().mapToDouble(Point::testAccuracy).max().orElseThrow(), r.bestAccuracy());

        Map<String, Object> map = r.toMap();
        assertEquals(List.of("seconds_to_target", "best_accuracy", "train_seconds", "iterations",
                "seconds_per_iteration", "samples_per_second", "curve"), List.copyOf(map.keySet()));
        assertEquals(curve.size(), ((List<?>) map.get("curve")).size());
    }
}
