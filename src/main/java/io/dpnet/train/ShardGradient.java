package io.dpnet.train;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.Network;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.nn.SampleKeys;
import java.io.Serializable;

/**
 * One partition's share of every global step: the sums of gradient, loss, count and correct predictions over its
 * samples of that step, which are held in memory or streamed from files ({@link StepSamples}), computed as matrix
 * operations over chunks of them. The bound network is rebuilt lazily where the shard lives (an executor's cache) and
 * reused from step to step.
 */
public final class ShardGradient implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Largest number of samples pushed through the network at once; bounds the activation buffers. */
    static final int MAX_CHUNK = 2048;

    private final StepSamples samples;
    private final NetworkSpec spec;
    private final long seed;
    private final Precision precision;

    private transient Network network;
    private transient StepSums sums;
    private transient long[] correct;

    private ShardGradient(StepSamples samples, NetworkSpec spec, long seed, Precision precision) {
        this.samples = samples;
        this.spec = spec;
        this.seed = seed;
        this.precision = precision;
    }

    /** The samples of {@code block}, held in memory, taken in {@code plan}'s steps, computed in {@code precision}. */
    public static ShardGradient of(DataBlock block, NetworkSpec spec, BatchPlan plan, Precision precision) {
        return new ShardGradient(new CachedSamples(block, plan), spec, plan.seed(), precision);
    }

    /** Samples streamed from a set's files; {@code plan} is the one {@code samples} follows. */
    public static ShardGradient streamed(StreamedSamples samples, NetworkSpec spec, BatchPlan plan,
                                         Precision precision) {
        return new ShardGradient(samples, spec, plan.seed(), precision);
    }

    /** Samples in this shard. */
    public long size() {
        return samples.size();
    }

    public NetworkSpec spec() {
        return spec;
    }

    public Precision precision() {
        return precision;
    }

    /**
     * The sums over this shard's samples in global step {@code step} of {@code epoch}, the vector rounded to the
     * precision (what the exchange carries, whichever exchange it is); reused by the next call.
     */
    public synchronized StepSums sums(double[] params, int epoch, int step) {
        long start = System.nanoTime();
        if (sums == null) {
            sums = new StepSums(spec.paramCount());
        }
        sums.clear();
        addGradient(params, epoch, step, sums.vector, sums);
        precision.round(sums.vector);
        sums.computeNanos = System.nanoTime() - start;
        return sums;
    }

    /**
     * Adds the gradient of this shard's samples in {@code step} into {@code gradient}, and their loss, count and
     * correct predictions to {@code out}.
     */
    synchronized void addGradient(double[] params, int epoch, int step, double[] gradient, StepSums out) {
        if (network == null) {
            network = spec.newNetwork(precision);
            correct = new long[1];
        }
        correct[0] = 0;
        int count = samples.select(epoch, step);
        for (int from = 0; from < count; from += MAX_CHUNK) {
            int n = Math.min(MAX_CHUNK, count - from);
            double[] x = network.inputBuffer(n);
            int[] y = network.labelBuffer(n);
            long[] keys = network.keyBuffer(n);
            samples.gather(from, from + n, x, y, keys);
            // Keys of the samples themselves, so that dropout masks do not depend on the partitioning.
            for (int j = 0; j < n; j++) {
                keys[j] = SampleKeys.of(seed, epoch, keys[j]);
            }
            out.loss += network.gradient(params, x, y, n, gradient, correct, keys);
            out.count += n;
        }
        out.correct += correct[0];
    }
}
