package io.dpnet.cli;

import io.dpnet.model.OutputFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;

/**
 * Predictions as one CSV file in input order: the header {@code key,prediction} (with {@code ,p0,p1,...} for
 * probabilities), then a line per row. A probability is written with the fewest digits that read back as the same
 * number: the float32 value of a float32 model ({@link Float#toString}), the double of a float64 one.
 */
final class PredictionCsv {
    private PredictionCsv() {
    }

    static void write(Predictions predictions, String out, Configuration hadoop) throws IOException {
        OutputFiles.writeAtomically(out, hadoop, true, stream -> writeTo(predictions, stream));
    }

    private static void writeTo(Predictions predictions, OutputStream stream) throws IOException {
        try (Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8))) {
            StringBuilder line = new StringBuilder("key,prediction");
            for (int k = 0; predictions.hasProbabilities() && k < predictions.numClasses(); k++) {
                line.append(",p").append(k);
            }
            w.append(line).append('\n');
            for (int i = 0; i < predictions.size(); i++) {
                line.setLength(0);
                line.append(field(predictions.keys().get(i))).append(',').append(predictions.classes()[i]);
                for (int k = 0; predictions.hasProbabilities() && k < predictions.numClasses(); k++) {
                    double p = predictions.probability(i, k);
                    line.append(',').append(predictions.float32() ? Float.toString((float) p) : Double.toString(p));
                }
                w.append(line).append('\n');
            }
        }
    }

    /** A key as a CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
    static String field(Object key) {
        String text = key instanceof BigDecimal decimal ? decimal.toPlainString() : key.toString();
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
