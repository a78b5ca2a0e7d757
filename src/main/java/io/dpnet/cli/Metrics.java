package io.dpnet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dpnet.model.OutputFiles;
import io.dpnet.nn.Blas;
import io.dpnet.spark.SparkTraining;
import io.dpnet.train.DataSummary;
import io.dpnet.train.EpochReport;
import io.dpnet.train.Evaluation;
import io.dpnet.train.TrainingConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/** The JSON that {@code --metrics-out} writes: figures by name, for scripts, CI and the benchmark. */
final class Metrics {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, Object> values = new LinkedHashMap<>();

    static Metrics ofTraining(SparkTraining.Result result, TrainingConfig training, DataSummary data, int partitions,
                              String master) {
        Metrics m = new Metrics();
        List<EpochReport> history = result.history();
        EpochReport last = history.get(history.size() - 1);
        EpochReport kept = result.modelEpoch();
        long samples = 0;
        double epochSeconds = 0;
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (EpochReport r : history) {
            samples += r.samples();
            epochSeconds += r.epochSeconds();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("epoch", r.epoch());
            e.put("elapsed_seconds", r.elapsedSeconds());
            e.put("loss", r.loss());
            e.put("train_accuracy", r.trainAccuracy());
            e.put("test_accuracy", nullIfNaN(r.testAccuracy()));
            e.put("test_loss", nullIfNaN(r.testLoss()));
            e.put("validation_accuracy", nullIfNaN(r.validationAccuracy()));
            e.put("validation_loss", nullIfNaN(r.validationLoss()));
            e.put("samples_per_second", r.samplesPerSecond());
            e.put("step_ms", r.stepMillis());
            e.put("compute_ms", r.computeMillis());
            epochs.add(e);
        }
        m.values.put("test_accuracy", nullIfNaN(kept.testAccuracy()));
        m.values.put("test_loss", nullIfNaN(kept.testLoss()));
        m.values.put("validation_accuracy", nullIfNaN(kept.validationAccuracy()));
        m.values.put("validation_loss", nullIfNaN(kept.validationLoss()));
        m.values.put("best_epoch", result.bestEpoch() > 0 ? result.bestEpoch() : null);
        m.values.put("train_seconds", last.elapsedSeconds());
        m.values.put("epochs", history.size());
        m.values.put("train_samples", last.samples());
        m.values.put("samples_per_second", samples / Math.max(epochSeconds, 1e-9));
        m.values.put("batch_size", training.batchSize());
        m.values.put("sync", training.sync().name().toLowerCase(java.util.Locale.ROOT));
        m.values.put("precision", training.precision().configName());
        m.values.put("local_steps", training.localSteps());
        m.values.put("partitions", partitions);
        m.values.put("master", master);
        m.values.put("blas", Blas.implementationName());
        m.values.put("data", data.toMap());
        m.values.put("history", epochs);
        return m;
    }

    static Metrics ofEvaluation(Evaluation eval, String model, String data) {
        Metrics m = new Metrics();
        m.values.put("model", model);
        m.values.put("data", data);
        m.values.put("samples", eval.count());
        m.values.put("test_accuracy", eval.accuracy());
        m.values.put("test_loss", eval.loss());
        m.values.put("confusion_matrix", eval.confusionMatrix());
        return m;
    }

    void write(String uri, Configuration conf) throws IOException {
        OutputFiles.writeAtomically(uri, conf, true, out -> JSON.writeValue(out, values));
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
