package io.dpnet.cli;

import io.dpnet.model.OutputFiles;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/**
 * The output options of a command, checked before it does any work: a run must not end, after hours, on a path it
 * could never write. Files they name are replaced (whole, in one rename), directories never.
 */
final class OutputTargets {
    private OutputTargets() {
    }

    /** Pairs of an option's name and its value; null values (options not given) are skipped. */
    static void check(Configuration conf, String... optionsAndValues) throws IOException {
        for (int i = 0; i < optionsAndValues.length; i += 2) {
            if (optionsAndValues[i + 1] != null) {
                OutputFiles.checkTarget(optionsAndValues[i], optionsAndValues[i + 1], conf, true);
            }
        }
    }
}
