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
 * The params that {@link NeuralNetClassifier} and {@link NeuralNetClassificationModel} share, with their getters,
 * written once here as MLlib writes them once in a Scala trait. The first eight are MultilayerPerceptronClassifier's,
 * with its names, types, defaults and checks; the rest are dpnet's own. Spark finds a stage's params by calling its
 * public methods that take no argument and return a Param: these default methods, which return the params that
 * each stage's {@link NeuralNetParamSet} created for it.
 */
public interface NeuralNetParams extends Params {

    /** This stage's params; {@link NeuralNetParamSet} says why they are held apart. */
    NeuralNetParamSet paramSet();

    /** Layer sizes from input to output, e.g. {@code [784, 100, 10]}: at least two, all positive. */
    default IntArrayParam layers() {
        return paramSet().layers;
    }

    /** Maximum number of iterations (>= 0); for the mini-batch solvers, epochs. Default 100. */
    default IntParam maxIter() {
        return paramSet().maxIter;
    }

    /** Convergence tolerance (>= 0) of every solver; see the param's doc for sgd and adam. Default 1e-6. */
    default DoubleParam tol() {
        return paramSet().tol;
    }

    /** Seed of the initial weights and of the epochs' sample order. Default: the class name's hash, as in MLlib. */
    default LongParam seed() {
        return paramSet().seed;
    }

    /** Block size (> 0), accepted for compatibility; it does not change what our solvers compute. Default 128. */
    default IntParam blockSize() {
        return paramSet().blockSize;
    }

    /** Step size, i.e. learning rate (> 0). Default 0.03. */
    default DoubleParam stepSize() {
        return paramSet().stepSize;
    }

    /** {@code adam} (default) or {@code sgd} by mini-batches; MLlib's {@code l-bfgs} and {@code gd} by full batch. */
    default Param<String> solver() {
        return paramSet().solver;
    }

    /** Weights to start training from, in the network's parameter layout (MLlib's, for a {@code layers} network). */
    default Param<Vector> initialWeights() {
        return paramSet().initialWeights;
    }

    /** Samples per mini-batch step, over all partitions (> 0). Default 128. */
    default IntParam batchSize() {
        return paramSet().batchSize;
    }

    /** Momentum of the {@code sgd} solver, in [0, 1). Default 0.9. */
    default DoubleParam momentum() {
        return paramSet().momentum;
    }

    /** Nesterov momentum for the {@code sgd} solver. Default false. */
    default BooleanParam nesterov() {
        return paramSet().nesterov;
    }

    /** L2 weight decay added to the gradient (>= 0). Default 0. */
    default DoubleParam weightDecay() {
        return paramSet().weightDecay;
    }

    /** Hidden-layer activation of a {@code layers} network: sigmoid (default, as in MLlib), tanh, relu, identity. */
    default Param<String> activation() {
        return paramSet().activation;
    }

    /** Initial weights when {@code initialWeights} is not set: xavier (default), he, gaussian, uniform. */
    default Param<String> initializer() {
        return paramSet().initializer;
    }

    /** A dpnet recipe (HOCON file on the driver) whose {@code network} section replaces {@code layers}. */
    default Param<String> configFile() {
        return paramSet().configFile;
    }

    /** Partitions to train on (>= 0); 0, the default, means Spark's default parallelism. */
    default IntParam partitions() {
        return paramSet().partitions;
    }

    /** How the gradients meet at each step (auto, barrier, jobs); unset: the Spark property, else auto. */
    default Param<String> exchange() {
        return paramSet().exchange;
    }

    /** Where executors cache the training data (a Spark storage level); unset: the Spark property, else memory. */
    default Param<String> storageLevel() {
        return paramSet().storageLevel;
    }

    /** The number type to train and predict in: float64 (the default, as MLPC) or float32. */
    default Param<String> precision() {
        return paramSet().precision;
    }

    /** How features are scaled before the first layer ({@code io.dpnet.train.Scaling}): none unless set, as MLPC. */
    default Param<String> scaling() {
        return paramSet().scaling;
    }

    default String getScaling() {
        return $(scaling());
    }

    /** A boolean column whose true rows are held out for validation (and early stopping); unset: none. */
    default Param<String> validationIndicatorCol() {
        return paramSet().validationIndicatorCol;
    }

    default String getValidationIndicatorCol() {
        return $(validationIndicatorCol());
    }

    /** Epochs without a lower validation loss before training stops (0: never); 5 unless set. */
    default IntParam earlyStopPatience() {
        return paramSet().earlyStopPatience;
    }

    default int getEarlyStopPatience() {
        return (Integer) $(earlyStopPatience());
    }

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

    default String getExchange() {
        return $(exchange());
    }

    default String getStorageLevel() {
        return $(storageLevel());
    }

    default String getPrecision() {
        return $(precision());
    }
}
