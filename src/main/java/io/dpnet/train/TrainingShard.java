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
 * computes its share of any step's global mini-batch as matrix operations over chunks of its samples. The bound
 * network and the epoch's sample order are rebuilt lazily where the shard lives (an executor's cache) and reused
 * from step to step.
 */
public final class TrainingShard implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Largest number of samples pushed through the network at once; bounds the activation buffers. */
    static final int MAX_CHUNK = 2048;

    private final DataBlock block;
    private final NetworkSpec spec;
    private final BatchPlan plan;

    private transient Network network;
    private transient StepSums sums;
    private transient long[] correct;
    private transient int orderedEpoch;
    private transient int[] order;
    private transient int[] stepStart;
    private transient double[] localParams;
    private transient double[] localGradient;
    private transient Optimizer localOptimizer;

    /** A shard; {@code plan} may be null for one that only evaluates and predicts. */
    public TrainingShard(DataBlock block, NetworkSpec spec, BatchPlan plan) {
        this.block = block;
        this.spec = spec;
        this.plan = plan;
    }

    public DataBlock block() {
        return block;
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
        orderFor(epoch);
        addGradient(params, step, out.vector, out);
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
        orderFor(epoch);
        for (int j = 0; j < rates.length; j++) {
            Arrays.fill(localGradient, 0.0);
            long before = out.count;
            addGradient(localParams, firstStep + j, localGradient, out);
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
    private void addGradient(double[] params, int step, double[] gradient, StepSums out) {
        Network net = network();
        correct[0] = 0;
        for (int from = stepStart[step], end = stepStart[step + 1]; from < end; from += MAX_CHUNK) {
            int to = Math.min(end, from + MAX_CHUNK);
            int n = to - from;
            double[] x = net.inputBuffer(n);
            int[] y = net.labelBuffer(n);
            block.gather(order, from, to, x, y);
            // Keys of the samples themselves, so that dropout masks do not depend on the partitioning.
            long[] keys = net.keyBuffer(n);
            for (int j = 0; j < n; j++) {
                keys[j] = SampleKeys.of(plan.seed(), orderedEpoch, block.firstIndex() + order[from + j]);
            }
            out.loss += net.gradient(params, x, y, n, gradient, correct, keys);
            out.count += n;
        }
        out.correct += correct[0];
    }

    /** Loss and confusion over all samples of this shard. */
    public synchronized Evaluation evaluate(double[] params) {
        Network net = network();
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
        Network net = network();
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

    private Network network() {
        if (network == null) {
            network = spec.newNetwork();
        }
        return network;
    }

    /** Sorts this shard's samples by their position in the epoch's global order and finds where each step starts. */
    private void orderFor(int epoch) {
        // Transient fields come back as null and 0 after deserialization: order == null means not computed.
        if (order != null && orderedEpoch == epoch) {
            return;
        }
        if (plan == null) {
            throw new IllegalStateException("this shard was made for inference and has no batch plan to train by");
        }
        int size = block.size();
        EpochShuffle shuffle = plan.shuffle(epoch);
        int localBits = 64 - Long.numberOfLeadingZeros(Math.max(1, size));
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            keys[i] = (shuffle.position(block.firstIndex() + i) << localBits) | i;
        }
        Arrays.sort(keys);
        long localMask = (1L << localBits) - 1;
        order = new int[size];
        int steps = plan.stepsPerEpoch();
        stepStart = new int[steps + 1];
        int k = 0;
        for (int s = 0; s <= steps; s++) {
            long firstPosition = (long) s * plan.batchSize();
            while (k < size && (keys[k] >>> localBits) < firstPosition) {
                order[k] = (int) (keys[k] & localMask);
                k++;
            }
            stepStart[s] = k;
        }
        orderedEpoch = epoch;
    }
}
