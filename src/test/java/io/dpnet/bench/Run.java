package io.dpnet.bench;

import io.dpnet.train.EpochReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One benchmark row: an accuracy curve over training time and the per-step costs. */
record Run(String name, List<EpochReport> history, double target, long trainSamples) {

    /** Training seconds when test accuracy first reached the target, or null. */
    Double secondsToTarget() {
        for (EpochReport r : history) {
            if (r.testAccuracy() >= target) {
                return r.elapsedSeconds();
            }
        }
        return null;
    }

    double bestAccuracy() {
        return history.stream().mapToDouble(EpochReport::testAccuracy).max().orElse(Double.NaN);
    }

    double finalAccuracy() {
        return history.get(history.size() - 1).testAccuracy();
    }

    double trainSeconds() {
        return history.get(history.size() - 1).elapsedSeconds();
    }

    /** Samples per second of gradient work: samples over the time spent in steps (evaluation excluded). */
    double samplesPerSecond() {
        return totalSamples() / history.stream().mapToDouble(EpochReport::stepSeconds).sum();
    }

    double stepMillis() {
        return 1000 * history.stream().mapToDouble(EpochReport::stepSeconds).sum() / steps();
    }

    double computeMillis() {
        return 1000 * history.stream().mapToDouble(EpochReport::computeSeconds).sum() / steps();
    }

    private long steps() {
        return history.stream().mapToLong(EpochReport::steps).sum();
    }

    private long totalSamples() {
        return history.stream().mapToLong(EpochReport::samples).sum();
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds_to_target", secondsToTarget());
        m.put("best_accuracy", bestAccuracy());
        m.put("final_accuracy", finalAccuracy());
        m.put("train_seconds", trainSeconds());
        m.put("samples_per_second", samplesPerSecond());
        m.put("step_ms", stepMillis());
        m.put("compute_ms", computeMillis());
        m.put("overhead_ms", stepMillis() - computeMillis());
        List<Map<String, Object>> curve = new ArrayList<>();
        for (EpochReport r : history) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("epoch", r.epoch());
            e.put("seconds", r.elapsedSeconds());
            e.put("test_accuracy", r.testAccuracy());
            curve.add(e);
        }
        m.put("curve", curve);
        return m;
    }
}
