package io.dpnet.train;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.Network;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.SampleKeys;
import io.dpnet.nn.optim.Optimizer;
import io.dpnet.nn.optim.OptimizerSpec;
import java.io.Serializable;
import java.util.Arrays;

/**
 * One partition's samples together with what it takes to compute on them: the network spec and the batch plan. It
 * computes its share of any step's global mini-batch as matrix operations over chunks of its samples, which are held
 * in memory or streamed from files ({@link StepSamples}). The bound network and the epoch's sample order are rebuilt
 * lazily where the shard lives (an executor's cache) and reused from step to step.
 */
public final class TrainingShard implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Largest number of samples pushed through the network at once; bounds the activation buffers. */
    static final int MAX_CHUNK = 2048;

    private final DataBlock block;
    private final StepSamples samples;
    private final NetworkSpec spec;
    private final BatchPlan plan;

    private transient Network network;
    private transient StepSums sums;
    private transient long[] correct;
    private transient double[] localParams;
    private transient double[] localGradient;
    private transient Optimizer localOptimizer;

    /** A shard; {@code plan} may be null for one that only evaluates and predicts. */
    public TrainingShard(DataBlock block, NetworkSpec spec, BatchPlan plan) {
        this(block, plan == null ? null : new CachedSamples(block, plan), spec, plan);
    }

    private TrainingShard(DataBlock block, StepSamples samples, NetworkSpec spec, BatchPlan plan) {
        this.block = block;
        this.samples = samples;
        this.spec = spec;
        this.plan = plan;
    }

    /** A shard that trains on samples streamed from files; it cannot evaluate or predict. */
    public static TrainingShard streamed(StreamedSamples samples, NetworkSpec spec, BatchPlan plan) {
        return new TrainingShard(null, samples, spec, plan);
    }

    /** Samples in this shard. */
    public long size() {
        return samples != null ? samples.size() : block.size();
    }

    public NetworkSpec spec() {
        return spec;
    }

    /**
     * Sums of gradient, loss, count and correct predictions over this shard's samples in global step {@code step} of
     * {@code epoch}. The returned object is reused by the next call.
     */
    public synchronized StepSums stepGradient(double[] params, int epoch, int step) {
        long start = System.nanoTime();
        StepSums out = clearedSums();
        addGradient(params, epoch, step, out.vector, out);
        out.computeNanos = System.nanoTime() - start;
        return out;
    }

    /**
     * Model averaging: from {@code start}, runs {@code rates.length} optimizer steps of its own, one on its share of
     * each global step from {@code firstStep} on, and returns its parameters weighted by the samples it used. The
     * optimizer's state (momentum, Adam moments) stays with the shard from round to round, as a worker's would.
     */
    public synchronized StepSums averagingRound(double[] start, OptimizerSpec optimizer, int epoch, int firstStep,
                                                double[] rates) {
        long began = System.nanoTime();
        int p = spec.paramCount();
        if (localParams == null) {
            localParams = new double[p];
            localGradient = new double[p];
        }
        if (localOptimizer == null || epoch == 0 && firstStep == 0) {
            localOptimizer = optimizer.create(p);
        }
        System.arraycopy(start, 0, localParams, 0, p);
        StepSums out = clearedSums();
        for (int j = 0; j < rates.length; j++) {
            Arrays.fill(localGradient, 0.0);
            long before = out.count;
            addGradient(localParams, epoch, firstStep + j, localGradient, out);
            long n = out.count - before;
            if (n > 0) {
                double inv = 1.0 / n;
                for (int i = 0; i < p; i++) {
                    localGradient[i] *= inv;
                }
                localOptimizer.step(localParams, localGradient, rates[j]);
            }
        }
        for (int i = 0; i < p; i++) {
            out.vector[i] = localParams[i] * out.count;
        }
        out.computeNanos = System.nanoTime() - began;
        return out;
    }

    private StepSums clearedSums() {
        if (sums == null) {
            sums = new StepSums(spec.paramCount());
            correct = new long[1];
        }
        sums.clear();
        return sums;
    }

    /** Adds the gradient of this shard's samples in {@code step} into {@code gradient}, and loss and counts to sums. */
    private void addGradient(double[] params, int epoch, int step, double[] gradient, StepSums out) {
        if (samples == null) {
            throw new IllegalStateException("this shard was made for inference and has no batch plan to train by");
        }
        Network net = network();
        correct[0] = 0;
        int count = samples.select(epoch, step);
        for (int from = 0; from < count; from += MAX_CHUNK) {
            int n = Math.min(MAX_CHUNK, count - from);
            double[] x = net.inputBuffer(n);
            int[] y = net.labelBuffer(n);
            long[] keys = net.keyBuffer(n);
            samples.gather(from, from + n, x, y, keys);
            // Keys of the samples themselves, so that dropout masks do not depend on the partitioning.
            for (int j = 0; j < n; j++) {
                keys[j] = SampleKeys.of(plan.seed(), epoch, keys[j]);
            }
            out.loss += net.gradient(params, x, y, n, gradient, correct, keys);
            out.count += n;
        }
        out.correct += correct[0];
    }

    /** Loss and confusion over all samples of this shard. */
    public synchronized Evaluation evaluate(double[] params) {
        Network net = networkOverBlock();
        Evaluation eval = new Evaluation(spec.numClasses());
        int[] predictions = new int[MAX_CHUNK];
        for (int from = 0; from < block.size(); from += MAX_CHUNK) {
            int n = Math.min(MAX_CHUNK, block.size() - from);
            double[] x = net.inputBuffer(n);
            int[] y = net.labelBuffer(n);
            block.gather(from, n, x, y);
            eval.addLoss(net.evaluate(params, x, y, n, predictions));
            for (int j = 0; j < n; j++) {
                eval.record(y[j], predictions[j]);
            }
        }
        return eval;
    }

    /** Predicted class of every sample of this shard, in order. */
    public synchronized int[] predict(double[] params) {
        Network net = networkOverBlock();
        int[] predictions = new int[block.size()];
        int[] chunk = new int[MAX_CHUNK];
        for (int from = 0; from < block.size(); from += MAX_CHUNK) {
            int n = Math.min(MAX_CHUNK, block.size() - from);
            double[] x = net.inputBuffer(n);
            block.gather(from, n, x, net.labelBuffer(n));
            net.predict(params, x, n, chunk);
            System.arraycopy(chunk, 0, predictions, from, n);
        }
        return predictions;
    }

    private Network networkOverBlock() {
        if (block == null) {
            throw new IllegalStateException("a streamed shard holds no samples to evaluate or predict");
        }
        return network();
    }

    private Network network() {
        if (network == null) {
            network = spec.newNetwork();
        }
        return network;
    }

}
