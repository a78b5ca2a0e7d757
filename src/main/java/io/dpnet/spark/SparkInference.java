package io.dpnet.spark;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.train.Evaluation;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A data set held by the driver, spread over the executors and cached there to evaluate or predict with any weights
 * where it lives: a training run's test set, or the data of {@code evaluate} and {@code predict}.
 */
public final class SparkInference implements AutoCloseable {
    private final JavaSparkContext sc;
    private final ShardedData<InferenceShard> shards;
    private final int numClasses;

    private SparkInference(JavaSparkContext sc, ShardedData<InferenceShard> shards, int numClasses) {
        this.sc = sc;
        this.shards = shards;
        this.numClasses = numClasses;
    }

    /**
     * {@code data} in {@code options.partitions()} cached pieces named {@code name}. The caller has checked that it
     * fits {@code network}: its feature count, and to evaluate, its labels.
     */
    public static SparkInference distribute(JavaSparkContext sc, NetworkSpec network, Precision precision,
                                            DataBlock data, RunOptions options, String name) {
        BroadcastBlocks blocks = BroadcastBlocks.split(sc, data, options.partitions());
        return new SparkInference(sc, ShardedData.persist(blocks.blocks()
                        .map(b -> new InferenceShard(b, network, precision)),
                InferenceShard::size, name, options.storageLevel(), blocks::close), network.numClasses());
    }

    /**
     * Loss and confusion matrix of {@code params} over the data set: one job whose small per-partition results the
     * driver adds up in partition order (the same sum on every run; a tree reduction's extra stage cost as much as the
     * evaluation of MNIST's test set).
     */
    public Evaluation evaluate(double[] params) {
        sc.setJobDescription("dpnet: evaluate " + shards.shards().name());
        List<Evaluation> parts = BroadcastWeights.during(sc, params, weights -> shards.shards()
                .map(shard -> shard.evaluate(weights.value())).collect());
        return Evaluation.sum(numClasses, parts);
    }

    /** Predicted classes, in sample order. */
    public int[] predict(double[] params) {
        sc.setJobDescription("dpnet: predict");
        List<int[]> parts = BroadcastWeights.during(sc, params,
                weights -> shards.shards().map(shard -> shard.predict(weights.value())).collect());
        int[] all = new int[Math.toIntExact(shards.count())];
        int at = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /**
     * Class probabilities of every sample, [numClasses x samples] column-major in sample order, computed where the
     * samples are: the network's full output, with the activation that a cross-entropy loss applies itself where the
     * network does not end in it; for a single output unit u, [1 - u, u]; under MSE the raw outputs. A float32
     * model's values are float32 numbers.
     */
    public double[] probabilities(double[] params) {
        sc.setJobDescription("dpnet: class probabilities");
        List<double[]> parts = BroadcastWeights.during(sc, params,
                weights -> shards.shards().map(shard -> shard.probabilities(weights.value())).collect());
        double[] all = new double[Math.multiplyExact(numClasses, Math.toIntExact(shards.count()))];
        int at = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    @Override
    public void close() {
        shards.close();
    }
}
