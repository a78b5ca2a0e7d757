package io.dpnet.ml;

import io.dpnet.spark.SparkTraining;
import io.dpnet.train.DivergenceException;
import io.dpnet.train.GradientSource;
import io.dpnet.train.StepSums;
import java.util.Arrays;

/**
 * The mean loss over all training rows and its gradient, for MLlib's full-batch solvers. Each evaluation is one
 * synchronous step of dpnet's trainer over the cached data, with a single batch that holds every row: each partition
 * sums its rows, and the partitions' sums are added in a fixed order (the exchange's ring's) and divided by the row
 * count. On Spark each evaluation is a job, as MLlib's own full-batch trainers run it: a pass over all rows outweighs
 * a job's start.
 */
final class FullBatchObjective implements DifferentiableFunction {
    private final GradientSource source;
    private final int steps;
    private final double weightDecay;
    private int evaluations;

    /**
     * Over {@code training}'s data, cut into full batches (one, unless there are more rows than a batch can count:
     * then all steps of epoch 0); {@code weightDecay} adds {@code weightDecay/2 * |w|^2} to the loss, so that the
     * gradient gains {@code weightDecay * w} as in sgd and adam.
     */
    FullBatchObjective(SparkTraining training, double weightDecay) {
        this.source = training.gradients();
        this.steps = training.plan().stepsPerEpoch();
        this.weightDecay = weightDecay;
    }

    /** The mean loss at {@code w}; writes the mean gradient into {@code gradient}. */
    @Override
    public double evaluate(double[] w, double[] gradient) {
        Arrays.fill(gradient, 0.0);
        double loss = 0;
        long count = 0;
        for (int step = 0; step < steps; step++) {
            StepSums sums = source.stepGradient(w, 0, step);
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] += sums.vector[i];
            }
            loss += sums.loss;
            count += sums.count;
        }
        double inv = 1.0 / count;
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] = gradient[i] * inv + weightDecay * w[i];
        }
        loss = loss * inv + decayTerm(weightDecay, w);
        evaluations++;
        if (!Double.isFinite(loss)) {
            throw new DivergenceException(evaluations, 1, "the full-batch loss is " + loss);
        }
        return loss;
    }

    /** What {@code weightDecay} adds to the loss at {@code w}: {@code weightDecay/2 * |w|^2}. */
    static double decayTerm(double weightDecay, double[] w) {
        double squares = 0;
        for (double v : w) {
            squares += v * v;
        }
        return 0.5 * weightDecay * squares;
    }
}
