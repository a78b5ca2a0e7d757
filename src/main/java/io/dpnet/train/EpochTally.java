package io.dpnet.train;

/** Running totals of one epoch's synchronizations: loss, accuracy, samples, and where the time went. */
final class EpochTally {
    private double loss;
    private long correct;
    private long seen;
    private long syncNanos;
    private long computeNanos;
    private int syncs;
    private final long started = System.nanoTime();

    /** Adds one synchronization's sums, which took {@code nanos} of wall-clock time. */
    void add(StepSums sum, long nanos) {
        loss += sum.loss;
        correct += sum.correct;
        seen += sum.count;
        syncNanos += nanos;
        computeNanos += sum.computeNanos;
        syncs++;
    }

    StepProgress progress(int epoch, int epochs, int step, int steps) {
        return new StepProgress(epoch, epochs, step, steps, seen, (System.nanoTime() - started) / 1e9);
    }

    EpochReport report(int epoch, int epochs, Evaluation test, Evaluation validation, double elapsed,
                       double epochSeconds) {
        return new EpochReport(epoch, epochs, loss / seen, (double) correct / seen,
                test == null ? Double.NaN : test.accuracy(), test == null ? Double.NaN : test.loss(),
                validation == null ? Double.NaN : validation.accuracy(),
                validation == null ? Double.NaN : validation.loss(), seen,
                elapsed, epochSeconds, syncs, syncNanos / 1e9, computeNanos / 1e9);
    }
}
