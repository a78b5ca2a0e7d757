package io.dpnet.train;

import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The synchronous step loop, the same for the local engine and Spark: get the summed gradient of a global mini-batch
 * from the {@link GradientSource}, divide by its sample count, check it is finite, let the optimizer update the flat
 * parameters; after each epoch, evaluate and tell the listeners.
 */
public final class Trainer {
    private final NetworkSpec spec;
    private final TrainingConfig config;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private int checkpointEvery;
    private Consumer<TrainingState> checkpoints;

    public Trainer(NetworkSpec spec, TrainingConfig config) {
        this.spec = spec;
        this.config = config;
    }

    public Trainer listener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Hands the state to {@code sink} after every {@code everyEpochs} epochs and after the last one. */
    public Trainer checkpoints(int everyEpochs, Consumer<TrainingState> sink) {
        if (everyEpochs < 1) {
            throw new IllegalArgumentException("checkpoint-every must be at least 1 epoch, got " + everyEpochs);
        }
        this.checkpointEvery = everyEpochs;
        this.checkpoints = sink;
        return this;
    }

    /**
     * Trains from {@code params} (updated in place) over {@code plan}'s steps.
     *
     * @param testEvaluation gives test evaluation for the current weights, or null for none
     */
    public List<EpochReport> fit(double[] params, GradientSource source, BatchPlan plan,
                                 Function<double[], Evaluation> testEvaluation) {
        return fit(new TrainingState(0, 0, params, null), source, plan, testEvaluation);
    }

    /**
     * Trains on from {@code from} (its params are updated in place) to the config's last epoch: from a checkpoint,
     * this gives the same model as a run that was never interrupted.
     */
    public List<EpochReport> fit(TrainingState from, GradientSource source, BatchPlan plan,
                                 Function<double[], Evaluation> testEvaluation) {
        double[] params = from.params();
        spec.checkParams(params);
        boolean averaging = config.sync() == Sync.AVERAGE;
        // Under model averaging the partitions run the optimizer; the driver only averages.
        Optimizer optimizer = averaging ? null : config.optimizer().create(spec.paramCount());
        if (optimizer != null && from.optimizerState() != null) {
            optimizer.restore(from.optimizerState());
        }
        int steps = plan.stepsPerEpoch();
        // The mean gradient, or under model averaging the mean of the partitions' parameters.
        double[] mean = new double[spec.paramCount()];
        List<EpochReport> reports = new ArrayList<>();
        long start = System.nanoTime();
        long step = from.step();
        for (int epoch = from.epochsDone(); epoch < config.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            EpochTally tally = new EpochTally();
            for (int s = 0; s < steps; ) {
                int span = averaging ? Math.min(config.localSteps(), steps - s) : 1;
                long syncStart = System.nanoTime();
                StepSums sum = averaging
                        ? source.averagingRound(params, config.optimizer(), epoch, s, rates(step, span, steps))
                        : source.stepGradient(params, epoch, s);
                tally.add(sum, System.nanoTime() - syncStart);
                if (sum.count > 0) {
                    double inv = 1.0 / sum.count;
                    for (int i = 0; i < mean.length; i++) {
                        mean[i] = sum.vector[i] * inv;
                    }
                    checkFinite(sum.loss, mean, averaging ? "averaged parameters hold " : "gradient holds ", step,
                            epoch + 1);
                    if (averaging) {
                        System.arraycopy(mean, 0, params, 0, mean.length);
                    } else {
                        optimizer.step(params, mean, config.schedule().rate(step, steps));
                    }
                }
                s += span;
                step += span;
            }
            double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
            Evaluation test = testEvaluation == null ? null : testEvaluation.apply(params);
            EpochReport report = tally.report(epoch + 1, config.epochs(), test, (System.nanoTime() - start) / 1e9,
                    epochSeconds);
            reports.add(report);
            for (TrainingListener l : listeners) {
                l.onEpoch(report);
            }
            if (checkpoints != null && ((epoch + 1) % checkpointEvery == 0 || epoch + 1 == config.epochs())) {
                checkpoints.accept(new TrainingState(epoch + 1, step, params.clone(),
                        optimizer == null ? new double[0][] : optimizer.state()));
            }
        }
        return reports;
    }

    /** Running totals of one epoch's synchronizations. */
    private static final class EpochTally {
        private double loss;
        private long correct;
        private long seen;
        private long syncNanos;
        private long computeNanos;
        private int syncs;

        void add(StepSums sum, long nanos) {
            loss += sum.loss;
            correct += sum.correct;
            seen += sum.count;
            syncNanos += nanos;
            computeNanos += sum.computeNanos;
            syncs++;
        }

        EpochReport report(int epoch, int epochs, Evaluation test, double elapsed, double epochSeconds) {
            return new EpochReport(epoch, epochs, loss / seen, (double) correct / seen,
                    test == null ? Double.NaN : test.accuracy(), test == null ? Double.NaN : test.loss(), seen,
                    elapsed, epochSeconds, syncs, syncNanos / 1e9, computeNanos / 1e9);
        }
    }

    private double[] rates(long firstStep, int span, int stepsPerEpoch) {
        double[] rates = new double[span];
        for (int j = 0; j < span; j++) {
            rates[j] = config.schedule().rate(firstStep + j, stepsPerEpoch);
        }
        return rates;
    }

    private static void checkFinite(double loss, double[] vector, String what, long step, int epoch) {
        if (!Double.isFinite(loss)) {
            throw new DivergenceException(step, epoch, "loss is " + loss);
        }
        for (double v : vector) {
            if (!Double.isFinite(v)) {
                throw new DivergenceException(step, epoch, what + v);
            }
        }
    }
}
