package io.dpnet.ml;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The params that {@link NeuralNetClassifier} and {@link NeuralNetClassificationModel} share, with their getters.
 * The first eight are MultilayerPerceptronClassifier's, with its names, types, defaults and checks; the rest are
 * dpnet's own. {@link NeuralNetParamSet} creates them; each class returns them from public no-argument methods,
 * which is how Spark finds a stage's params.
 */
public interface NeuralNetParams extends Params {

    /** Layer sizes from input to output, e.g. {@code [784, 100, 10]}: at least two, all positive. */
    IntArrayParam layers();

    /** Maximum number of iterations (>= 0); for the mini-batch solvers, epochs. Default 100. */
    IntParam maxIter();

    /** Convergence tolerance (>= 0). Default 1e-6. */
    DoubleParam tol();

    /** Seed of the initial weights and of the epochs' sample order. Default: the class name's hash, as in MLlib. */
    LongParam seed();

    /** Block size (> 0), accepted for compatibility; it does not change what our solvers compute. Default 128. */
    IntParam blockSize();

    /** Step size, i.e. learning rate (> 0). Default 0.03. */
    DoubleParam stepSize();

    /** {@code adam} (default), {@code sgd}, or MLlib's {@code l-bfgs} and {@code gd} (not implemented yet). */
    Param<String> solver();

    /** Weights to start training from, in the network's parameter layout (MLlib's, for a {@code layers} network). */
    Param<Vector> initialWeights();

    /** Samples per mini-batch step, over all partitions (> 0). Default 128. */
    IntParam batchSize();

    /** Momentum of the {@code sgd} solver, in [0, 1). Default 0.9. */
    DoubleParam momentum();

    /** Nesterov momentum for the {@code sgd} solver. Default false. */
    BooleanParam nesterov();

    /** L2 weight decay added to the gradient (>= 0). Default 0. */
    DoubleParam weightDecay();

    /** Hidden-layer activation of a {@code layers} network: sigmoid (default, as in MLlib), tanh, relu, identity. */
    Param<String> activation();

    /** Initial weights when {@code initialWeights} is not set: xavier (default), he, gaussian, uniform. */
    Param<String> initializer();

    /** A dpnet recipe (HOCON file on the driver) whose {@code network} section replaces {@code layers}. */
    Param<String> configFile();

    /** Partitions to train on (>= 0); 0, the default, means Spark's default parallelism. */
    IntParam partitions();

    default int[] getLayers() {
        return $(layers());
    }

    default int getMaxIter() {
        return (Integer) $(maxIter());
    }

    default double getTol() {
        return (Double) $(tol());
    }

    default long getSeed() {
        return (Long) $(seed());
    }

    default int getBlockSize() {
        return (Integer) $(blockSize());
    }

    default double getStepSize() {
        return (Double) $(stepSize());
    }

    default String getSolver() {
        return $(solver());
    }

    default Vector getInitialWeights() {
        return $(initialWeights());
    }

    default int getBatchSize() {
        return (Integer) $(batchSize());
    }

    default double getMomentum() {
        return (Double) $(momentum());
    }

    default boolean getNesterov() {
        return (Boolean) $(nesterov());
    }

    default double getWeightDecay() {
        return (Double) $(weightDecay());
    }

    default String getActivation() {
        return $(activation());
    }

    default String getInitializer() {
        return $(initializer());
    }

    default String getConfigFile() {
        return $(configFile());
    }

    default int getPartitions() {
        return (Integer) $(partitions());
    }
}
