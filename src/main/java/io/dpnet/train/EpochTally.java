package io.dpnet.train;

import java.io.Serializable;

/** Running totals of one epoch's synchronizations: loss, accuracy, samples, and where the time went. */
public final class EpochTally implements Serializable {
    private static final long serialVersionUID = 1L;
    private double loss;
    private long correct;
    private long seen;
    private long syncNanos;
    private long computeNanos;
    private int syncs;

    /** Adds one synchronization's sums, which took {@code nanos} of wall-clock time. */
    public void add(StepSums sum, long nanos) {
        loss += sum.loss;
        correct += sum.correct;
        seen += sum.count;
        syncNanos += nanos;
        computeNanos += sum.computeNanos;
        syncs++;
    }

    /** Adds another tally's totals, e.g. the part of an epoch that ran elsewhere. */
    public void add(EpochTally other) {
        loss += other.loss;
        correct += other.correct;
        seen += other.seen;
        syncNanos += other.syncNanos;
        computeNanos += other.computeNanos;
        syncs += other.syncs;
    }

    EpochReport report(int epoch, int epochs, Evaluation test, double elapsed, double epochSeconds) {
        return new EpochReport(epoch, epochs, loss / seen, (double) correct / seen,
                test == null ? Double.NaN : test.accuracy(), test == null ? Double.NaN : test.loss(), seen,
                elapsed, epochSeconds, syncs, syncNanos / 1e9, computeNanos / 1e9);
    }
}
