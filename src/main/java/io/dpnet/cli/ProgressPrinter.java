package io.dpnet.cli;

import io.dpnet.train.EpochReport;
import io.dpnet.train.LossGuard;
import io.dpnet.train.StepProgress;
import io.dpnet.train.TrainingListener;
import java.io.PrintStream;

/**
 * One line per epoch: loss, train (validation) and test accuracy, throughput, elapsed time and ETA. On an interactive
 * terminal, a progress bar for the running epoch too (steps, samples/s, ETA), redrawn in place a few times a second; in
 * logs and pipes, only the epoch lines.
 */
final class ProgressPrinter implements TrainingListener {
    private static final int BAR_WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;
    private final PrintStream out;
    private final boolean interactive;
    private long lastDraw;
    private int drawnWidth;

    ProgressPrinter(PrintStream out) {
        this(out, System.console() != null && !"dumb".equals(System.getenv("TERM")));
    }

    ProgressPrinter(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public void onStep(StepProgress p) {
        long now = System.nanoTime();
        if (!interactive || p.step() < p.steps() && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        int filled = (int) ((long) BAR_WIDTH * p.step() / p.steps());
        String line = String.format("epoch %d/%d [%s%s] %d/%d steps  %,.0f samples/s  ETA %.1fs", p.epoch(),
                p.epochs(), "=".repeat(filled), " ".repeat(BAR_WIDTH - filled), p.step(), p.steps(),
                p.samplesPerSecond(), Double.isNaN(p.epochEtaSeconds()) ? 0 : p.epochEtaSeconds());
        out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        drawnWidth = line.length();
        out.flush();
    }

    @Override
    public void onEpoch(EpochReport r) {
        if (drawnWidth > 0) {
            out.print("\r" + " ".repeat(drawnWidth) + "\r");
            drawnWidth = 0;
        }
        String validation = Double.isNaN(r.validationAccuracy()) ? "" : String.format("  validation %s (loss %s)",
                percent(r.validationAccuracy()), LossGuard.compact(r.validationLoss()));
        out.printf("epoch %d/%d  loss %s  train %s%s  test %s  %,.0f samples/s  step %.1f ms (math %.1f)  "
                        + "elapsed %.1fs  ETA %.1fs%n",
                r.epoch(), r.epochs(), LossGuard.compact(r.loss()), percent(r.trainAccuracy()), validation,
                percent(r.testAccuracy()), r.samplesPerSecond(), r.stepMillis(), r.computeMillis(),
                r.elapsedSeconds(), r.etaSeconds());
        out.flush();
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format("%.2f%%", 100 * fraction);
    }
}
