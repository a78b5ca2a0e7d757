package io.dpnet.spark;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.Network;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.train.Evaluation;
import io.dpnet.train.ShardEvaluation;
import java.io.Serializable;

/**
 * One partition's cached samples for {@link SparkInference}: evaluation and predicted classes as {@link
 * ShardEvaluation} computes them, and each sample's class probabilities. Both views read the same block.
 */
final class InferenceShard implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Samples per forward pass: bounds the network's buffers, as the training shards' chunks do. */
    private static final int CHUNK = 2048;

    private final DataBlock block;
    private final NetworkSpec spec;
    private final Precision precision;
    private final ClassProbabilities probabilities;

    private transient ShardEvaluation evaluation;
    private transient Network network;

    InferenceShard(DataBlock block, NetworkSpec spec, Precision precision) {
        this.block = block;
        this.spec = spec;
        this.precision = precision;
        this.probabilities = ClassProbabilities.of(spec, precision);
    }

    long size() {
        return block.size();
    }

    Evaluation evaluate(double[] params) {
        return evaluation().evaluate(params);
    }

    int[] predict(double[] params) {
        return evaluation().predict(params);
    }

    /** Every sample's class probabilities, [numClasses x size] column-major, in sample order. */
    synchronized double[] probabilities(double[] params) {
        if (network == null) {
            network = spec.newNetwork(precision);
        }
        int classes = probabilities.numClasses();
        double[] all = new double[Math.multiplyExact(classes, block.size())];
        for (int from = 0; from < block.size(); from += CHUNK) {
            int n = Math.min(CHUNK, block.size() - from);
            double[] x = network.inputBuffer(n);
            block.gather(from, n, x, network.labelBuffer(n));
            double[] output = network.output(params, x, n);
            for (int j = 0; j < n; j++) {
                probabilities.column(output, j, all, (from + j) * classes);
            }
        }
        return all;
    }

    private synchronized ShardEvaluation evaluation() {
        if (evaluation == null) {
            evaluation = new ShardEvaluation(block, spec, precision);
        }
        return evaluation;
    }
}
