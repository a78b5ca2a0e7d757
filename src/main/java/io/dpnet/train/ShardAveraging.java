package io.dpnet.train;

import io.dpnet.nn.optim.Optimizer;
import io.dpnet.nn.optim.OptimizerSpec;
import java.io.Serializable;
import java.util.Arrays;

/**
 * One partition's share of model averaging: from the averaged weights, a round of optimizer steps of its own, one on
 * its share of each of the round's global steps, then its parameters weighted by the samples it used. The optimizer's
 * state (momentum, Adam moments) stays with the shard from round to round, as a worker's would, for as long as the
 * shard stays cached.
 */
public final class ShardAveraging implements Serializable {
    private static final long serialVersionUID = 1L;
    private final ShardGradient gradient;

    private transient double[] localParams;
    private transient double[] localGradient;
    private transient Optimizer localOptimizer;
    private transient StepSums sums;

    public ShardAveraging(ShardGradient gradient) {
        this.gradient = gradient;
    }

    /** Samples in this shard. */
    public long size() {
        return gradient.size();
    }

    /**
     * From {@code start}, runs {@code rates.length} optimizer steps, one on this shard's share of each global step from
     * {@code firstStep} on, and returns its parameters times the samples it used; reused by the next call.
     */
    public synchronized StepSums round(double[] start, OptimizerSpec optimizer, int epoch, int firstStep,
                                       double[] rates) {
        long began = System.nanoTime();
        int p = start.length;
        if (localParams == null) {
            localParams = new double[p];
            localGradient = new double[p];
            sums = new StepSums(p);
        }
        if (localOptimizer == null || epoch == 0 && firstStep == 0) {
            localOptimizer = optimizer.create(p);
        }
        System.arraycopy(start, 0, localParams, 0, p);
        sums.clear();
        for (int j = 0; j < rates.length; j++) {
            Arrays.fill(localGradient, 0.0);
            long before = sums.count;
            gradient.addGradient(localParams, epoch, firstStep + j, localGradient, sums);
            long n = sums.count - before;
            if (n > 0) {
                double inv = 1.0 / n;
                for (int i = 0; i < p; i++) {
                    localGradient[i] *= inv;
                }
                localOptimizer.step(localParams, localGradient, rates[j]);
                gradient.precision().round(localParams);
                localOptimizer.roundState(gradient.precision());
            }
        }
        for (int i = 0; i < p; i++) {
            sums.vector[i] = localParams[i] * sums.count;
        }
        sums.computeNanos = System.nanoTime() - began;
        return sums;
    }
}
