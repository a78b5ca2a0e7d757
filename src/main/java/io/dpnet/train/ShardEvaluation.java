package io.dpnet.train;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.Network;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import java.io.Serializable;

/**
 * One partition's samples held for evaluation and prediction: the loss and confusion of given weights over all of
 * them, or their predicted classes, computed in chunks with a network bound lazily where the shard lives.
 */
public final class ShardEvaluation implements Serializable {
    private static final long serialVersionUID = 1L;
    private final DataBlock block;
    private final NetworkSpec spec;
    private final Precision precision;

    private transient Network network;

    public ShardEvaluation(DataBlock block, NetworkSpec spec, Precision precision) {
        this.block = block;
        this.spec = spec;
        this.precision = precision;
    }

    /** Samples in this shard. */
    public long size() {
        return block.size();
    }

    /** Loss and confusion over all samples of this shard. */
    public synchronized Evaluation evaluate(double[] params) {
        Network net = network();
        Evaluation eval = new Evaluation(spec.numClasses());
        int[] predictions = new int[ShardGradient.MAX_CHUNK];
        for (int from = 0; from < block.size(); from += ShardGradient.MAX_CHUNK) {
            int n = Math.min(ShardGradient.MAX_CHUNK, block.size() - from);
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
        int[] chunk = new int[ShardGradient.MAX_CHUNK];
        for (int from = 0; from < block.size(); from += ShardGradient.MAX_CHUNK) {
            int n = Math.min(ShardGradient.MAX_CHUNK, block.size() - from);
            double[] x = net.inputBuffer(n);
            block.gather(from, n, x, net.labelBuffer(n));
            net.predict(params, x, n, chunk);
            System.arraycopy(chunk, 0, predictions, from, n);
        }
        return predictions;
    }

    private Network network() {
        if (network == null) {
            network = spec.newNetwork(precision);
        }
        return network;
    }
}
