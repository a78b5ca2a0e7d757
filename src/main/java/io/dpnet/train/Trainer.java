package io.dpnet.train;

import io.dpnet.nn.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The synchronous step loop, the same for the local engine and Spark: get the summed gradient of a global mini-batch
 * from the {@link GradientSource}, divide by its sample count, check it is finite, let the optimizer update the flat
 * parameters, here or where the sums are ({@link GradientSource#beginEpoch}); or, under model averaging, take the mean
 * of the partitions' own models from the {@link AveragingSource}. After each epoch, evaluate (test and validation
 * sets), tell the listeners, stop on a collapse or early as asked, and hand the state to the checkpoints. The
 * parameters hold values of the config's precision only, from the start and after every update.
 */
public final class Trainer {
    private final NetworkSpec spec;
    private final TrainingConfig config;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Checkpoints checkpoints = Checkpoints.none();
    private Function<double[], Evaluation> validation;
    private int patience;
    private int bestEpoch;

    public Trainer(NetworkSpec spec, TrainingConfig config) {
        this.spec = spec;
        this.config = config;
    }

    public Trainer listener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Evaluates every epoch's weights on a validation set; with a {@code patience} of 1 or more, also stops early once
     * that many epochs in a row have not lowered the validation loss, and ends with the best epoch's weights.
     */
    public Trainer validation(Function<double[], Evaluation> evaluation, int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        }
        this.validation = evaluation;
        this.patience = patience;
        return this;
    }

    /** Under early stopping, the epoch whose weights the last {@link #fit} ended with; else 0. */
    public int bestEpoch() {
        return bestEpoch;
    }

    public Trainer checkpoints(Checkpoints plan) {
        Checkpoints.checkEverySteps(plan.everySteps(), config.sync());
        this.checkpoints = plan;
        return this;
    }

    /**
     * Trains on from {@code from} (its params are updated in place) to the config's last epoch over {@code plan}'s
     * steps: from a checkpoint, this gives the same model as a run that was never interrupted. {@code source} must
     * suit the config's sync mode: a {@link GradientSource} for gradient averaging, an {@link AveragingSource} for
     * model averaging.
     *
     * @param testEvaluation gives test evaluation for the current weights, or null for none
     */
    public List<EpochReport> fit(TrainingState from, SyncSource source, BatchPlan plan,
                                 Function<double[], Evaluation> testEvaluation) {
        double[] params = from.params();
        spec.checkParams(params);
        config.precision().round(params);
        boolean averaging = config.sync() == Sync.AVERAGE;
        if (averaging != source instanceof AveragingSource) {
            throw new IllegalArgumentException(config.sync() + " synchronization needs "
                    + (averaging ? "an AveragingSource" : "a GradientSource") + ", not " + source.getClass());
        }
        int steps = plan.stepsPerEpoch();
        // Under model averaging the partitions run the optimizer; the driver only averages.
        GradientUpdate update = averaging ? null : new GradientUpdate(config.optimizer(), from.optimizerState(),
                config.schedule(), spec.paramCount(), steps, config.precision());
        List<EpochReport> reports = new ArrayList<>();
        LossGuard guard = new LossGuard(); // measured from this run's first step
        CollapseGuard collapse = new CollapseGuard(spec.numClasses());
        EarlyStop early = validation != null && patience > 0 ? new EarlyStop(patience) : null;
        long start = System.nanoTime();
        long step = from.step();
        int resumeAt = stepWithinEpoch(from, steps);
        for (int epoch = from.epochsDone(); epoch < config.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            EpochTally tally = new EpochTally();
            int first = epoch == from.epochsDone() ? resumeAt : 0;
            if (source instanceof AveragingSource rounds) {
                averageEpoch(params, rounds, epoch, step, steps, tally, guard);
                step += steps;
            } else {
                step = gradientEpoch(params, update, (GradientSource) source, epoch, first, step, steps, tally,
                        guard);
            }
            double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
            Evaluation test = testEvaluation == null ? null : testEvaluation.apply(params);
            Evaluation checked = validation == null ? null : validation.apply(params);
            EpochReport report = tally.report(epoch + 1, config.epochs(), test, checked,
                    (System.nanoTime() - start) / 1e9, epochSeconds);
            reports.add(report);
            for (TrainingListener l : listeners) {
                l.onEpoch(report);
            }
            collapse.check(report, step); // before the epoch's checkpoint: the one before stays the newest
            boolean stopEarly = early != null && early.observe(epoch + 1, checked.loss(), params);
            boolean stop = listeners.stream().anyMatch(l -> l.stopAfter(report)) || stopEarly;
            boolean stepDue = checkpoints.everySteps() > 0 && step % checkpoints.everySteps() == 0;
            boolean due = (epoch + 1) % checkpoints.everyEpochs() == 0 || epoch + 1 == config.epochs();
            if ((due || stepDue || stop) && checkpoints.wanted()) {
                checkpoints.sink().accept(new TrainingState(epoch + 1, step, params.clone(),
                        update == null ? new double[0][] : update.optimizerState()));
            }
            if (stop) {
                break;
            }
        }
        if (early != null) {
            early.restoreBest(params);
            bestEpoch = early.bestEpoch();
        }
        return reports;
    }

    /**
     * Gradient averaging over steps {@code [first, steps)} of {@code epoch}, with a checkpoint every
     * {@code checkpoints.everySteps()} steps that fall inside the epoch; returns the global step counter after it.
     */
    private long gradientEpoch(double[] params, GradientUpdate update, GradientSource source, int epoch, int first,
                               long step, int stepsPerEpoch, EpochTally tally, LossGuard guard) {
        try (GradientSource.EpochSteps steps = source.beginEpoch(epoch, params, update)) {
            for (int s = first; s < stepsPerEpoch; s++) {
                long began = System.nanoTime();
                StepSums sum = steps.step(s, step);
                tally.add(sum, System.nanoTime() - began);
                guard.check(sum, step, epoch + 1);
                step++;
                stepDone(epoch, s + 1, stepsPerEpoch, tally);
                if (checkpoints.everySteps() > 0 && step % checkpoints.everySteps() == 0 && s + 1 < stepsPerEpoch) {
                    steps.sync();
                    checkpoints.sink().accept(new TrainingState(epoch, step, params.clone(), update.optimizerState()));
                }
            }
        }
        return step;
    }

    private void stepDone(int epoch, int step, int steps, EpochTally tally) {
        if (listeners.isEmpty()) {
            return;
        }
        StepProgress progress = tally.progress(epoch + 1, config.epochs(), step, steps);
        for (TrainingListener l : listeners) {
            l.onStep(progress);
        }
    }

    /** Where in its epoch a state stands: 0 after whole epochs, more for a checkpoint taken inside an epoch. */
    private static int stepWithinEpoch(TrainingState from, int stepsPerEpoch) {
        long within = from.step() - (long) from.epochsDone() * stepsPerEpoch;
        if (within < 0 || within >= stepsPerEpoch) {
            throw new IllegalArgumentException("the checkpoint's step " + from.step() + " is not within epoch "
                    + (from.epochsDone() + 1) + " of " + stepsPerEpoch + " steps: was it written for other data?");
        }
        return (int) within;
    }

    /** Model averaging: rounds of {@code localSteps} optimizer steps on every partition, then the mean model. */
    private void averageEpoch(double[] params, AveragingSource source, int epoch, long firstStep, int steps,
                              EpochTally tally, LossGuard guard) {
        double[] mean = new double[params.length];
        for (int s = 0; s < steps; ) {
            int span = Math.min(config.localSteps(), steps - s);
            long syncStart = System.nanoTime();
            StepSums sum = source.averagingRound(params, config.optimizer(), epoch, s,
                    rates(firstStep + s, span, steps));
            tally.add(sum, System.nanoTime() - syncStart);
            guard.check(sum, firstStep + s, epoch + 1);
            stepDone(epoch, s + span, steps, tally);
            if (sum.count > 0) {
                double inv = 1.0 / sum.count;
                for (int i = 0; i < mean.length; i++) {
                    mean[i] = sum.vector[i] * inv;
                }
                GradientUpdate.checkFinite(sum.loss, mean, "averaged parameters hold ", firstStep + s, epoch + 1);
                System.arraycopy(mean, 0, params, 0, mean.length);
                config.precision().round(params);
            }
            s += span;
        }
    }

    private double[] rates(long firstStep, int span, int stepsPerEpoch) {
        double[] rates = new double[span];
        for (int j = 0; j < span; j++) {
            rates[j] = config.schedule().rate(firstStep + j, stepsPerEpoch);
        }
        return rates;
    }
}
