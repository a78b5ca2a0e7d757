package io.dpnet.cli;

import io.dpnet.train.EpochReport;
import io.dpnet.train.TrainingListener;
import java.io.PrintStream;

/** One line per epoch: loss, train and test accuracy, throughput, elapsed time and ETA. */
final class ProgressPrinter implements TrainingListener {
    private final PrintStream out;

    ProgressPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onEpoch(EpochReport r) {
        out.printf("epoch %d/%d  loss %.4f  train %s  test %s  %,.0f samples/s  step %.1f ms (math %.1f)  "
                        + "elapsed %.1fs  ETA %.1fs%n",
                r.epoch(), r.epochs(), r.loss(), percent(r.trainAccuracy()), percent(r.testAccuracy()),
                r.samplesPerSecond(), r.stepMillis(), r.computeMillis(), r.elapsedSeconds(), r.etaSeconds());
        out.flush();
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format("%.2f%%", 100 * fraction);
    }
}
