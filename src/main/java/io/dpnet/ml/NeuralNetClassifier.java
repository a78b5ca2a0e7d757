package io.dpnet.ml;

import io.dpnet.nn.Blas;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * A feed-forward neural network classifier trained by dpnet's synchronous data-parallel trainer: a drop-in for
 * MLlib's {@code MultilayerPerceptronClassifier}, with its params (same names, types, defaults and checks) and its
 * network for {@code layers} (sigmoid hidden layers, softmax output, the same weight layout), plus dpnet's own
 * params: mini-batch solvers, batch size, momentum, weight decay, activation, initializer, and any network of a dpnet
 * recipe ({@code configFile}). The one deliberate difference in behaviour is the default solver, {@code adam}
 * (mini-batch, {@code maxIter} epochs), where MLlib's is {@code l-bfgs}, which is here too.
 *
 * <p>Features are a Vector column, labels any numeric column of class indices {@code 0..K-1}. {@code fit} checks
 * every row before training and packs the rows on the executors; no row passes through the driver.
 */
public class NeuralNetClassifier
        extends ProbabilisticClassifier<Vector, NeuralNetClassifier, NeuralNetClassificationModel>
        implements NeuralNetParams, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    static final String UID_PREFIX = "nnc";

    static {
        // netlib settles its native library at its first use in a JVM: choose dpnet's before a pipeline's MLlib stages.
        Blas.isNative();
    }

    /** Set while the superclass constructor runs: see {@link PendingUid}. Hence no initializer. */
    private String uid;
    private final NeuralNetParamSet paramSet;

    public NeuralNetClassifier() {
        this(Identifiable.randomUID(UID_PREFIX));
    }

    public NeuralNetClassifier(String uid) {
        this(PendingUid.handOver(uid));
    }

    private NeuralNetClassifier(PendingUid.Token handedOver) {
        uid();
        this.paramSet = new NeuralNetParamSet(this);
    }

    @Override
    public String uid() {
        if (uid == null) {
            uid = PendingUid.claim();
        }
        return uid;
    }

    @Override
    public NeuralNetClassificationModel train(Dataset<?> dataset) {
        NeuralNetFitting.Fitted fitted = NeuralNetFitting.fit(this, dataset);
        // As MLlib's estimator: the model takes the params first, as the summary's columns depend on them.
        NeuralNetClassificationModel model = copyValues(
                new NeuralNetClassificationModel(uid(), fitted.model()), ParamMap.empty());
        model.createSummary(dataset, fitted.objectiveHistory());
        return model;
    }

    @Override
    public NeuralNetClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<NeuralNetClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static NeuralNetClassifier load(String path) {
        return read().load(path);
    }

    // Setters, as MultilayerPerceptronClassifier's: each returns this.

    public NeuralNetClassifier setLayers(int[] value) {
        return setParam(paramSet.layers, value);
    }

    public NeuralNetClassifier setMaxIter(int value) {
        return setParam(paramSet.maxIter, value);
    }

    public NeuralNetClassifier setTol(double value) {
        return setParam(paramSet.tol, value);
    }

    public NeuralNetClassifier setSeed(long value) {
        return setParam(paramSet.seed, value);
    }

    public NeuralNetClassifier setBlockSize(int value) {
        return setParam(paramSet.blockSize, value);
    }

    public NeuralNetClassifier setStepSize(double value) {
        return setParam(paramSet.stepSize, value);
    }

    public NeuralNetClassifier setSolver(String value) {
        return setParam(paramSet.solver, value);
    }

    public NeuralNetClassifier setInitialWeights(Vector value) {
        return setParam(paramSet.initialWeights, value);
    }

    public NeuralNetClassifier setBatchSize(int value) {
        return setParam(paramSet.batchSize, value);
    }

    public NeuralNetClassifier setMomentum(double value) {
        return setParam(paramSet.momentum, value);
    }

    public NeuralNetClassifier setNesterov(boolean value) {
        return setParam(paramSet.nesterov, value);
    }

    public NeuralNetClassifier setWeightDecay(double value) {
        return setParam(paramSet.weightDecay, value);
    }

    public NeuralNetClassifier setActivation(String value) {
        return setParam(paramSet.activation, value);
    }

    public NeuralNetClassifier setInitializer(String value) {
        return setParam(paramSet.initializer, value);
    }

    public NeuralNetClassifier setConfigFile(String value) {
        return setParam(paramSet.configFile, value);
    }

    public NeuralNetClassifier setPartitions(int value) {
        return setParam(paramSet.partitions, value);
    }

    public NeuralNetClassifier setExchange(String value) {
        return setParam(paramSet.exchange, value);
    }

    public NeuralNetClassifier setStorageLevel(String value) {
        return setParam(paramSet.storageLevel, value);
    }

    public NeuralNetClassifier setPrecision(String value) {
        return setParam(paramSet.precision, value);
    }

    public NeuralNetClassifier setScaling(String value) {
        return setParam(paramSet.scaling, value);
    }

    public NeuralNetClassifier setValidationIndicatorCol(String value) {
        return setParam(paramSet.validationIndicatorCol, value);
    }

    public NeuralNetClassifier setEarlyStopPatience(int value) {
        return setParam(paramSet.earlyStopPatience, value);
    }

    @SuppressWarnings("unchecked")
    private <T> NeuralNetClassifier setParam(Param<T> param, Object value) {
        set(param, (T) value);
        return this;
    }

    @Override
    public NeuralNetParamSet paramSet() {
        return paramSet;
    }
}
