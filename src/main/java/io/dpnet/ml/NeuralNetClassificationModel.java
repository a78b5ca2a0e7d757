package io.dpnet.ml;

import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.onnx.OnnxExport;
import io.dpnet.spark.SparkHadoop;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationSummary;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationSummaryImpl;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationTrainingSummary;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationTrainingSummaryImpl;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.HasTrainingSummary;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import scala.Option;
import scala.Tuple3;

/**
 * A trained network as a Spark ML probabilistic classification model: {@code transform} adds {@code rawPrediction}
 * (one score per class: the logits under a cross-entropy loss), {@code probability} and {@code prediction} columns.
 * It keeps the params of the estimator that trained it, and saves as metadata plus a dpnet model file
 * ({@code data/model.dpnet}), which the command line's {@code evaluate} and {@code predict} also read.
 *
 * <p>As MultilayerPerceptronClassificationModel, a model that {@code fit} returned has a training summary
 * ({@code hasSummary()}, {@code summary()}), and {@code evaluate(dataset)} gives the same metrics on other data. Both
 * are MLlib's own summary classes; {@code summary()} is MLlib's code too ({@code HasTrainingSummary}), so a model
 * without one (loaded, copied or wrapped) throws MLlib's {@code SparkException}.
 */
public class NeuralNetClassificationModel
        extends ProbabilisticClassificationModel<Vector, NeuralNetClassificationModel>
        implements NeuralNetParams, MLWritable,
        HasTrainingSummary<MultilayerPerceptronClassificationTrainingSummary> {
    private static final long serialVersionUID = 1L;

    /** Set while the superclass constructor runs: see {@link PendingUid}. Hence no initializer. */
    private String uid;
    private final NeuralNetParamSet paramSet;
    private final NetworkSpec network;
    private final double[] weights;
    private final Precision precision;
    private final ClassScores scores;
    /** Scala's field of {@code HasTrainingSummary}, whose accessors are below; set by the estimator only. */
    private Option<MultilayerPerceptronClassificationTrainingSummary> trainingSummary = Option.empty();

    NeuralNetClassificationModel(String uid, Model model) {
        this(PendingUid.handOver(uid), model);
    }

    /** Scores in the model's precision, which its {@code precision} param reports. */
    private NeuralNetClassificationModel(PendingUid.Token handedOver, Model model) {
        uid();
        this.paramSet = new NeuralNetParamSet(this);
        this.network = model.spec();
        this.weights = model.params().clone();
        this.precision = model.precision();
        this.scores = ClassScores.of(network, precision);
        set(paramSet.precision, precision.configName());
    }

    /** A model of a network trained elsewhere, e.g. by the command line ({@code ModelFile.load}). */
    public static NeuralNetClassificationModel of(Model model) {
        return new NeuralNetClassificationModel(Identifiable.randomUID(NeuralNetClassifier.UID_PREFIX), model);
    }

    @Override
    public String uid() {
        if (uid == null) {
            uid = PendingUid.claim();
        }
        return uid;
    }

    /** The network's flat parameters; for a {@code layers} network, in MultilayerPerceptronClassifier's layout. */
    public Vector weights() {
        return Vectors.dense(weights.clone());
    }

    public NetworkSpec network() {
        return network;
    }

    /** The network and its weights as dpnet's own model, e.g. for {@code ModelFile.save}. */
    public Model toModel() {
        return new Model(network, weights.clone(), precision);
    }

    /**
     * The network as an ONNX model, the bytes of a {@code .onnx} file ({@link OnnxExport}): input {@code input},
     * float32 [N, features]; outputs {@code probabilities}, float32 [N, classes], and {@code class}, int64 [N], which
     * is this model's prediction. The probabilities are those of dpnet's {@code predict}: this model's
     * {@code probability} column under softmax cross-entropy and for one unit under binary cross-entropy, each unit's
     * sigmoid (not normalized) for several units under binary cross-entropy, the raw outputs under MSE.
     */
    public byte[] toOnnx() {
        return OnnxExport.toBytes(toModel());
    }

    /**
     * Writes {@link #toOnnx()} to {@code uri} (a local path or any Hadoop file system, with the active Spark session's
     * Hadoop settings), through a temporary file renamed into place.
     *
     * @param overwrite whether an existing file is replaced; else it is a FileAlreadyExistsException
     */
    public void exportOnnx(String uri, boolean overwrite) throws IOException {
        Option<SparkSession> session = SparkSession.getActiveSession();
        Configuration hadoop = session.isDefined() ? session.get().sparkContext().hadoopConfiguration()
                : SparkHadoop.configuration(new SparkConf());
        OnnxExport.save(toModel(), uri, hadoop, overwrite);
    }

    @Override
    public int numFeatures() {
        return network.inputSize();
    }

    @Override
    public int numClasses() {
        return scores.numClasses();
    }

    @Override
    public Vector predictRaw(Vector features) {
        return Vectors.dense(scores.raw(weights, valuesOf(features)));
    }

    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        if (!(rawPrediction instanceof DenseVector dense)) {
            throw new IllegalArgumentException("raw predictions are dense vectors, got " + rawPrediction.getClass());
        }
        scores.probabilityInPlace(dense.values());
        return dense;
    }

    private double[] valuesOf(Vector features) {
        if (features.size() != numFeatures()) {
            throw new IllegalArgumentException("the features vector has " + features.size()
                    + " values but the network takes " + numFeatures());
        }
        return features.toArray(); // a dense vector's own values: the network only reads them
    }

    /**
     * The metrics of this model on {@code dataset}, which needs the features and label columns: MLlib's summary, as
     * MultilayerPerceptronClassificationModel's {@code evaluate} gives it.
     */
    public MultilayerPerceptronClassificationSummary evaluate(Dataset<?> dataset) {
        Tuple3<?, ?, ?> found = findSummaryModel();
        NeuralNetClassificationModel scoring = (NeuralNetClassificationModel) found._1();
        return new MultilayerPerceptronClassificationSummaryImpl(scoring.transform(dataset), (String) found._3(),
                getLabelCol(), "");
    }

    /**
     * Gives this model the summary of its training on {@code dataset} with {@code objectiveHistory} (the loss at the
     * start, then after each iteration), as MLlib's estimator does before it returns a model.
     */
    void createSummary(Dataset<?> dataset, List<Double> objectiveHistory) {
        Tuple3<?, ?, ?> found = findSummaryModel();
        NeuralNetClassificationModel scoring = (NeuralNetClassificationModel) found._1();
        double[] history = objectiveHistory.stream().mapToDouble(Double::doubleValue).toArray();
        setSummary(Option.apply(new MultilayerPerceptronClassificationTrainingSummaryImpl(scoring.transform(dataset),
                (String) found._3(), getLabelCol(), "", history)));
    }

    @Override
    public Option<MultilayerPerceptronClassificationTrainingSummary> trainingSummary() {
        return trainingSummary;
    }

    /** Scala's setter of the {@code trainingSummary} field, as {@code HasTrainingSummary.setSummary} calls it. */
    @Override
    public void trainingSummary_$eq(Option<MultilayerPerceptronClassificationTrainingSummary> summary) {
        this.trainingSummary = summary;
    }

    /**
     * Only restated for javac: Scala overrides this with a covariant return type ({@code Tuple3} of a narrower
     * model) that Java's invariant generics do not accept as an override, so a Java subclass must settle it.
     */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    @Override
    public NeuralNetClassificationModel copy(ParamMap extra) {
        NeuralNetClassificationModel copied = new NeuralNetClassificationModel(uid(), toModel());
        return copyValues(copied, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new NeuralNetModelWriter(this);
    }

    public static MLReader<NeuralNetClassificationModel> read() {
        return new NeuralNetModelReader();
    }

    public static NeuralNetClassificationModel load(String path) {
        return read().load(path);
    }

    @Override
    public String toString() {
        return "NeuralNetClassificationModel: uid=" + uid() + ", numClasses=" + numClasses() + ", numFeatures="
                + numFeatures() + ", network: " + network;
    }

    @Override
    public NeuralNetParamSet paramSet() {
        return paramSet;
    }
}
