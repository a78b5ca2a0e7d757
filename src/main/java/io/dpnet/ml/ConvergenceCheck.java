package io.dpnet.ml;

import io.dpnet.train.EpochReport;
import io.dpnet.train.TrainingListener;

/**
 * The {@code tol} param for the mini-batch solvers: training has converged when an epoch's mean loss differs from
 * the previous epoch's by at most {@code tol} times the latter. The trainer has no way for a listener to end a run,
 * so this one throws {@link Converged}, which the caller catches; the weights, updated in place, are then those
 * after the converged epoch.
 */
final class ConvergenceCheck implements TrainingListener {
    private final double tol;
    private double previousLoss = Double.NaN;
    private int epochs;

    ConvergenceCheck(double tol) {
        this.tol = tol;
    }

    /** Thrown to end training early; it carries no stack trace, as it is no error. */
    static final class Converged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Converged(int epoch) {
            super("converged after epoch " + epoch, null, false, false);
        }
    }

    @Override
    public void onEpoch(EpochReport report) {
        epochs = report.epoch();
        double loss = report.loss();
        boolean converged = Math.abs(previousLoss - loss) <= tol * Math.abs(previousLoss);
        previousLoss = loss;
        if (converged && report.epoch() < report.epochs()) {
            throw new Converged(report.epoch());
        }
    }

    /** Epochs run so far. */
    int epochs() {
        return epochs;
    }
}
