package io.dpnet.ml;

import io.dpnet.train.EpochReport;
import io.dpnet.train.TrainingListener;

/**
 * The {@code tol} param for the mini-batch solvers: training has converged, and stops, when an epoch's mean loss
 * differs from the previous epoch's by at most {@code tol} times the latter.
 */
final class ConvergenceCheck implements TrainingListener {
    private final double tol;
    private double previousLoss = Double.NaN;
    private boolean converged;

    ConvergenceCheck(double tol) {
        this.tol = tol;
    }

    @Override
    public void onEpoch(EpochReport report) {
        double loss = report.loss();
        converged = Math.abs(previousLoss - loss) <= tol * Math.abs(previousLoss);
        previousLoss = loss;
    }

    @Override
    public boolean stopAfter(EpochReport report) {
        return converged;
    }
}
