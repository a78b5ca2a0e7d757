package io.dpnet.ml;

import io.dpnet.nn.Precision;
import io.dpnet.spark.RunOptions;
import io.dpnet.spark.StepExchange;
import io.dpnet.train.Scaling;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import scala.Function1;

/**
 * The {@link NeuralNetParams} of one stage, created for it with their defaults. A Scala trait would give each stage
 * these as fields of its own; Java interfaces hold no fields, so each stage holds one of these instead, made in its
 * constructor. Names, docs, validators and defaults of the MultilayerPerceptronClassifier params follow MLlib's.
 */
public final class NeuralNetParamSet implements Serializable {
    private static final long serialVersionUID = 1L;
    static final List<String> ACTIVATIONS = List.of("sigmoid", "tanh", "relu", "identity");
    static final List<String> INITIALIZERS = List.of("xavier", "he", "gaussian", "uniform");

    final IntArrayParam layers;
    final IntParam maxIter;
    final DoubleParam tol;
    final LongParam seed;
    final IntParam blockSize;
    final DoubleParam stepSize;
    final Param<String> solver;
    final Param<Vector> initialWeights;
    final IntParam batchSize;
    final DoubleParam momentum;
    final BooleanParam nesterov;
    final DoubleParam weightDecay;
    final Param<String> activation;
    final Param<String> initializer;
    final Param<String> configFile;
    final IntParam partitions;
    final Param<String> exchange;
    final Param<String> storageLevel;
    final Param<String> precision;
    final Param<String> scaling;
    final Param<String> validationIndicatorCol;
    final IntParam earlyStopPatience;

    NeuralNetParamSet(Params owner) {
        layers = new IntArrayParam(owner, "layers", "Sizes of layers from input layer to output layer. E.g., "
                + "Array(780, 100, 10) means 780 inputs, one hidden layer with 100 neurons and output layer of 10 "
                + "neurons.", layerSizesValid());
        maxIter = new IntParam(owner, "maxIter", "maximum number of iterations (>= 0); epochs for the sgd and adam "
                + "solvers", ParamValidators.gtEq(0));
        tol = new DoubleParam(owner, "tol", "the convergence tolerance for iterative algorithms (>= 0), as MLlib's for "
                + "l-bfgs and gd; sgd and adam stop when an epoch's mean loss changed by at most tol times the "
                + "previous one",
                ParamValidators.gtEq(0));
        seed = new LongParam(owner, "seed", "random seed");
        blockSize = new IntParam(owner, "blockSize", "block size for stacking input data in matrices. Accepted for "
                + "compatibility with MultilayerPerceptronClassifier; it does not change what sgd and adam compute "
                + "(see batchSize)", ParamValidators.gt(0));
        stepSize = new DoubleParam(owner, "stepSize", "Step size to be used for each iteration of optimization "
                + "(> 0): the learning rate of sgd, adam and gd", ParamValidators.gt(0));
        solver = new Param<>(owner, "solver", "The solver algorithm for optimization. Supported options: "
                + String.join(", ", Solver.paramValues()) + ". (Default " + Solver.DEFAULT.paramValue + ")",
                ParamValidators.inArray(Solver.paramValues()));
        initialWeights = new Param<>(owner, "initialWeights", "The initial weights of the model");
        batchSize = new IntParam(owner, "batchSize", "samples per mini-batch step of sgd and adam, over all "
                + "partitions (> 0)", ParamValidators.gt(0));
        momentum = new DoubleParam(owner, "momentum", "momentum of the sgd solver, in [0, 1)",
                ParamValidators.inRange(0, 1, true, false));
        nesterov = new BooleanParam(owner, "nesterov", "whether the sgd solver uses Nesterov momentum");
        weightDecay = new DoubleParam(owner, "weightDecay", "L2 weight decay added to the gradient (>= 0)",
                ParamValidators.gtEq(0));
        activation = new Param<>(owner, "activation", "activation of the hidden layers of a layers network: "
                + String.join(", ", ACTIVATIONS), ParamValidators.inArray(ACTIVATIONS));
        initializer = new Param<>(owner, "initializer", "initial weights when initialWeights is not set: "
                + String.join(", ", INITIALIZERS), ParamValidators.inArray(INITIALIZERS));
        configFile = new Param<>(owner, "configFile", "a dpnet recipe (HOCON file on the driver) whose network "
                + "section is the network to train, instead of layers", nonEmpty());
        partitions = new IntParam(owner, "partitions", "partitions to train on (>= 0); 0: Spark's default "
                + "parallelism", ParamValidators.gtEq(0));
        exchange = new Param<>(owner, "exchange", "how the partitions' gradients meet at each step: auto, barrier "
                + "or jobs (unset: the Spark property spark.dpnet.exchange, else auto); the model is the same",
                parses(StepExchange::parse));
        storageLevel = new Param<>(owner, "storageLevel", "where executors cache the training data, a Spark "
                + "storage level name such as MEMORY_ONLY or DISK_ONLY (unset: the Spark property "
                + "spark.dpnet.storageLevel, else MEMORY_ONLY)", parses(RunOptions::parseStorageLevel));
        precision = new Param<>(owner, "precision", "the number type to train and predict in: float64 (the default, "
                + "as MultilayerPerceptronClassifier computes) or float32 (faster); on a model, the one it computes in",
                parses(Precision::parse));
        scaling = new Param<>(owner, "scaling", "how features are scaled before the first layer, fitted on the "
                + "training data and kept in the model: none (the default, as MultilayerPerceptronClassifier), auto, "
                + "unit-range, unit-range:MAX, min-max or standardize", parses(Scaling::parse));

        validationIndicatorCol = new Param<>(owner, "validationIndicatorCol", "name of a boolean column whose true "
                + "rows are held out for validation, as Spark ML's gradient-boosted trees take it: every epoch is "
                + "evaluated on them, and training stops early (see earlyStopPatience); sgd and adam only",
                nonEmpty());
        earlyStopPatience = new IntParam(owner, "earlyStopPatience", "with validationIndicatorCol: stop once this "
                + "many epochs in a row have not lowered the validation loss and keep the best epoch's weights "
                + "(>= 0; 0: validation figures only)", ParamValidators.gtEq(0));

        owner.setDefault(maxIter, 100);
        owner.setDefault(tol, 1e-6);
        owner.setDefault(seed, (long) owner.getClass().getName().hashCode());
        owner.setDefault(blockSize, 128);
        owner.setDefault(stepSize, 0.03);
        owner.setDefault(solver, Solver.DEFAULT.paramValue);
        owner.setDefault(batchSize, 128);
        owner.setDefault(momentum, 0.9);
        owner.setDefault(nesterov, false);
        owner.setDefault(weightDecay, 0.0);
        owner.setDefault(activation, "sigmoid");
        owner.setDefault(initializer, "xavier");
        owner.setDefault(partitions, 0);
        owner.setDefault(precision, Precision.FLOAT64.configName());
        owner.setDefault(scaling, Scaling.NONE.toString());
        owner.setDefault(earlyStopPatience, 5);
    }

    /** MLlib's rule: at least an input and an output layer, every size positive. */
    private static Function1<int[], Object> layerSizesValid() {
        return (Function1<int[], Object> & Serializable) sizes -> sizes.length > 1
                && Arrays.stream(sizes).allMatch(size -> size > 0);
    }

    /** Valid when {@code parse} (StepExchange.parse, say) takes the value: the command line's own rule. */
    private static Function1<String, Object> parses(SerializableParser parse) {
        return (Function1<String, Object> & Serializable) value -> {
            try {
                parse.accept(value);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        };
    }

    /** A parser that fails with IllegalArgumentException, which a validator carries to the executors too. */
    private interface SerializableParser extends Consumer<String>, Serializable {
    }

    private static Function1<String, Object> nonEmpty() {
        return (Function1<String, Object> & Serializable) s -> !s.isBlank();
    }
}
