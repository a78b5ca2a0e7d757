package io.dpnet.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.model.ModelFile;
import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.spark.RunOptions;
import io.dpnet.spark.SparkTraining;
import io.dpnet.spark.TrainingData;
import io.dpnet.testing.LocalSpark;
import io.dpnet.testing.TestData;
import io.dpnet.train.Checkpoints;
import io.dpnet.train.EpochReport;
import io.dpnet.train.TrainingConfig;
import io.dpnet.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.feature.ElementwiseProduct;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What NeuralNetClassifier learns and how it trains: the behaviours that are ours rather than MLlib's. */
@LocalSpark
class NeuralNetClassifierTest {
    private static SparkSession spark;
    private static Dataset<Row> xor;
    private static TestData.Points blobPoints;
    private static Dataset<Row> blobs;

    @BeforeAll
    static void start(SparkSession session) {
        spark = session;
        xor = TestData.xor(spark).cache();
        blobPoints = TestData.blobs(40, 7);
        blobs = blobPoints.frame(spark).cache();
    }

    static double accuracy(NeuralNetClassificationModel model, Dataset<Row> data) {
        return (double) model.transform(data).filter("prediction = label").count() / data.count();
    }

    private static NeuralNetClassifier blobClassifier() {
        return new NeuralNetClassifier().setLayers(new int[] {2, 8, 3}).setSeed(1).setMaxIter(10).setBatchSize(16)
                .setStepSize(0.05);
    }

    @Test
    void learnsXorWithMllibsNetworkAndItsDefaultSigmoid() {
        // MLlib's own XOR case (2-5-2, seed 123, 100 iterations), on our default solver at a larger step.
        NeuralNetClassifier classifier = new NeuralNetClassifier().setLayers(new int[] {2, 5, 2}).setSeed(123)
                .setMaxIter(100).setStepSize(0.1);
        NeuralNetClassificationModel model = classifier.fit(xor);
        assertEquals(1.0, accuracy(model, xor));
        assertEquals("sigmoid", model.getActivation());
        assertEquals("adam", model.getSolver());
    }

    @Test
    void learnsThreeClassesWithEitherSolver() {
        assertTrue(accuracy(blobClassifier().fit(blobs), blobs) >= 0.95);
        NeuralNetClassifier sgd = blobClassifier().setSolver("sgd").setMomentum(0.9).setStepSize(0.1)
                .setActivation("tanh").setInitializer("he").setWeightDecay(1e-4);
        assertTrue(accuracy(sgd.fit(blobs), blobs) >= 0.95);
    }

    @Test
    void theSameInitialWeightsGiveTheSameModel() {
        NeuralNetClassifier classifier = blobClassifier().setMaxIter(2);
        Vector start = classifier.fit(blobs).weights();
        classifier.setInitialWeights(start);
        Vector first = classifier.fit(blobs).weights();
        Vector second = classifier.fit(blobs).weights();
        assertEquals(first, second);
        assertFalse(first.equals(start), "training moved the weights");
        classifier.setMaxIter(0);
        assertEquals(start, classifier.fit(blobs).weights(), "maxIter 0 trains nothing");
    }

    @Test
    void mllibsWeightsGiveMllibsProbabilities() {
        // Same network and weight layout as MLlib: its trained weights predict the same through our model.
        MultilayerPerceptronClassificationModel mlpc = new MultilayerPerceptronClassifier()
                .setLayers(new int[] {2, 4, 3}).setSeed(3).setMaxIter(20).fit(blobs);
        NeuralNetClassificationModel ours = new NeuralNetClassifier().setLayers(new int[] {2, 4, 3})
                .setInitialWeights(mlpc.weights()).setMaxIter(0).fit(blobs);
        List<Row> theirs = mlpc.transform(blobs).select("rawPrediction", "probability", "prediction")
                .collectAsList();
        List<Row> mine = ours.transform(blobs).select("rawPrediction", "probability", "prediction").collectAsList();
        for (int i = 0; i < theirs.size(); i++) {
            for (int c = 0; c < 2; c++) {
                assertArrayEquals(((Vector) theirs.get(i).get(c)).toArray(), ((Vector) mine.get(i).get(c)).toArray(),
                        1e-9);
            }
            assertEquals(theirs.get(i).getDouble(2), mine.get(i).getDouble(2));
        }
    }

    @Test
    void tolStopsTrainingOnceTheLossSettles() {
        Vector twoEpochs = blobClassifier().setMaxIter(2).setTol(0).fit(blobs).weights();
        // With a huge tolerance the first comparison, after epoch 2, already counts as converged.
        Vector stopped = blobClassifier().setMaxIter(50).setTol(1e9).fit(blobs).weights();
        assertEquals(twoEpochs, stopped);
    }

    @Test
    void theModelDoesNotDependOnHowTheDataFrameIsPartitioned() {
        Vector reference = blobClassifier().setPartitions(2).fit(blobs).weights();
        assertEquals(reference, blobClassifier().setPartitions(2).fit(blobs.coalesce(1)).weights());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Dataset<Row> sevenPartitions = spark.createDataFrame(sc.parallelize(blobs.collectAsList(), 7),
                blobs.schema());
        assertEquals(reference, blobClassifier().setPartitions(2).fit(sevenPartitions).weights());
        // More partitions cut the same global batches differently: equal up to rounding of the sums.
        assertArrayEquals(reference.toArray(), blobClassifier().setPartitions(3).fit(blobs).weights().toArray(),
                1e-9);
    }

    /** The run's settings reach the trainer as params, and change how it runs, not what it learns. */
    @Test
    void theExchangeAndStorageLevelAreParamsThatLeaveTheModelAlone() {
        Vector reference = blobClassifier().setPartitions(2).fit(blobs).weights();
        NeuralNetClassifier byJobs = blobClassifier().setPartitions(2).setExchange("jobs").setStorageLevel("disk-only");
        assertEquals("jobs", byJobs.getExchange());
        assertEquals(reference, byJobs.fit(blobs).weights());
        assertThrows(IllegalArgumentException.class, () -> blobClassifier().setExchange("pigeon"));
        assertThrows(IllegalArgumentException.class, () -> blobClassifier().setStorageLevel("sometimes"));
    }

    /**
     * float64 unless asked, as MLPC; float32 trains to the same accuracy, its weights are float32 values, and its saved
     * model keeps the precision (a version 2 model file) and scores as before saving.
     */
    @Test
    void precisionIsAParamThatTheModelKeeps(@TempDir Path dir) throws IOException {
        assertEquals("float64", blobClassifier().getPrecision());
        NeuralNetClassificationModel model = blobClassifier().setPrecision("float32").fit(blobs);
        assertEquals(Precision.FLOAT32, model.toModel().precision());
        assertTrue(accuracy(model, blobs) >= 0.95, "accuracy " + accuracy(model, blobs));
        for (double w : model.weights().toArray()) {
            assertEquals(w, (float) w, 0.0, "a float32 weight");
        }
        String path = dir.resolve("model").toString();
        model.write().save(path);
        NeuralNetClassificationModel loaded = NeuralNetClassificationModel.load(path);
        assertEquals(Precision.FLOAT32, loaded.toModel().precision());
        assertEquals("float32", loaded.getPrecision());
        assertEquals(model.transform(blobs).select("probability").collectAsList(),
                loaded.transform(blobs).select("probability").collectAsList());
        assertEquals("float32", NeuralNetClassificationModel.of(model.toModel()).getPrecision());
        assertThrows(IllegalArgumentException.class, () -> blobClassifier().setPrecision("float16"));
    }

    /**
     * No scaling unless asked, as MLPC; asked for, the model fits it on the training rows, applies it when it scores
     * (here features 1000 times larger than the blobs') and keeps it when saved.
     */
    @Test
    void scalingIsAParamOffByDefaultThatTheModelKeeps(@TempDir Path dir) throws IOException {
        assertEquals("none", blobClassifier().getScaling());
        assertTrue(blobClassifier().setMaxIter(1).fit(blobs).network().scaling().isEmpty());
        Dataset<Row> large = new ElementwiseProduct().setScalingVec(Vectors.dense(1000, 1000))
                .setInputCol("features").setOutputCol("large").transform(blobs).drop("features")
                .withColumnRenamed("large", "features");
        NeuralNetClassificationModel model = blobClassifier().setScaling("standardize").fit(large);
        assertTrue(model.network().scaling().orElseThrow().perFeature());
        assertTrue(accuracy(model, large) >= 0.95, "accuracy " + accuracy(model, large));
        String path = dir.resolve("scaled").toString();
        model.write().save(path);
        NeuralNetClassificationModel loaded = NeuralNetClassificationModel.load(path);
        assertEquals(model.network().describe(), loaded.network().describe());
        assertEquals(model.transform(large).select("probability").collectAsList(),
                loaded.transform(large).select("probability").collectAsList());
        assertThrows(IllegalArgumentException.class, () -> blobClassifier().setScaling("log"));
    }

    /**
     * Rows marked by validationIndicatorCol are held out: with early stopping off, the model is the one trained on the
     * other rows alone; with it, the model holds a best epoch's weights and training ran no more epochs than asked.
     */
    @Test
    void validationRowsAreHeldOutOfTraining() {
        Dataset<Row> marked = blobs.withColumn("held", functions.expr("rand(5) < 0.25")).cache();
        Dataset<Row> rest = marked.filter("NOT held");
        Vector alone = blobClassifier().setPartitions(2).fit(rest).weights();
        NeuralNetClassifier validated = blobClassifier().setPartitions(2).setValidationIndicatorCol("held");
        assertEquals(alone, validated.setEarlyStopPatience(0).fit(marked).weights());
        NeuralNetClassificationModel stopped = validated.setEarlyStopPatience(1).setMaxIter(30).fit(marked);
        assertTrue(stopped.summary().objectiveHistory().length <= 31);
        assertTrue(accuracy(stopped, marked) >= 0.9, "accuracy " + accuracy(stopped, marked));

        assertThrows(IllegalArgumentException.class, () -> blobClassifier().setSolver("l-bfgs")
                .setValidationIndicatorCol("held").fit(marked));
        IllegalArgumentException notBoolean = assertThrows(IllegalArgumentException.class,
                () -> blobClassifier().setValidationIndicatorCol("label").fit(marked));
        assertTrue(notBoolean.getMessage().contains("must be boolean"), notBoolean.getMessage());
    }

    @Test
    void theDataFrameTrainsAsTheSameDataOnTheDriverWould() {
        NeuralNetClassifier classifier = blobClassifier().setPartitions(2);
        NetworkSpec network = NetworkChoice.perceptron(classifier.getLayers(), classifier.getActivation());
        TrainingConfig config = NeuralNetFitting.trainingConfig(classifier, Solver.ADAM);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        double[] expected;
        List<EpochReport> reports;
        try (SparkTraining training = SparkTraining.open(sc, network, config, TrainingData.of(blobPoints.block()),
                null, RunOptions.defaults(sc).withPartitions(2))) {
            SparkTraining.Result result = training.fit(
                    TrainingState.start(NeuralNetFitting.initialWeights(classifier, network)), Checkpoints.none());
            expected = result.model().params();
            reports = result.history();
        }
        NeuralNetClassificationModel model = classifier.fit(blobs);
        assertArrayEquals(expected, model.weights().toArray());
        // The summary's objective history: the loss at the start, then each epoch's mean loss.
        double[] history = model.summary().objectiveHistory();
        assertEquals(reports.size() + 1, history.length);
        for (int i = 0; i < reports.size(); i++) {
            assertEquals(reports.get(i).loss(), history[i + 1]);
        }
    }

    @Test
    void theObjectiveHistoryStartsWithTheLossAtTheInitialWeights() {
        // maxIter 0: the model has the initial weights, and the history their mean cross-entropy, which is
        // -log(probability of the true class) averaged over the rows, as the model's own columns give it.
        NeuralNetClassificationModel untrained = blobClassifier().setMaxIter(0).fit(blobs);
        double crossEntropy = 0;
        for (Row row : untrained.transform(blobs).select("probability", "label").collectAsList()) {
            crossEntropy -= Math.log(((Vector) row.get(0)).apply((int) row.getDouble(1)));
        }
        crossEntropy /= blobs.count();
        assertArrayEquals(new double[] {crossEntropy}, untrained.summary().objectiveHistory(), 1e-12);
        assertEquals(0, untrained.summary().totalIterations());
        assertEquals(crossEntropy, blobClassifier().fit(blobs).summary().objectiveHistory()[0], 1e-12);
        // The full-batch solvers' objective has weightDecay's term too; L-BFGS never lets it rise.
        double[] lbfgs = blobClassifier().setSolver("l-bfgs").setMaxIter(30).setWeightDecay(0.01).fit(blobs)
                .summary().objectiveHistory();
        double squares = 0;
        for (double w : untrained.weights().toArray()) {
            squares += w * w;
        }
        assertEquals(crossEntropy + 0.005 * squares, lbfgs[0], 1e-12);
        for (int i = 1; i < lbfgs.length; i++) {
            assertTrue(lbfgs[i] <= lbfgs[i - 1], () -> java.util.Arrays.toString(lbfgs));
        }
    }

    @Test
    void aRecipeGivesTheNetwork(@TempDir Path dir) throws IOException {
        Path recipe = dir.resolve("blobs.conf");
        Files.writeString(recipe, """
                network {
                  input = [2]
                  layers = [
                    { type = dense, units = 6, activation = tanh }
                    { type = dense, units = 6, activation = relu }
                    { type = dense, units = 3, activation = softmax }
                  ]
                  loss = softmax_cross_entropy
                }
                """);
        NeuralNetClassifier classifier = new NeuralNetClassifier().setConfigFile(recipe.toString()).setSeed(2)
                .setMaxIter(10).setBatchSize(16).setStepSize(0.05);
        NeuralNetClassificationModel model = classifier.fit(blobs);
        assertEquals(3, model.numClasses());
        assertEquals(2 * 6 + 6 + 6 * 6 + 6 + 6 * 3 + 3, model.weights().size());
        assertTrue(accuracy(model, blobs) >= 0.95);
        assertFalse(model.isDefined(model.layers()));
    }

    @Test
    void aSavedModelHoldsADpnetModelFileThatTheCommandLineReads(@TempDir Path dir) throws IOException {
        NeuralNetClassificationModel model = blobClassifier().setMaxIter(1).fit(blobs);
        String path = dir.resolve("model").toString();
        model.write().save(path);
        Model file = ModelFile.load(path + "/data/model.dpnet", spark.sparkContext().hadoopConfiguration());
        assertArrayEquals(model.weights().toArray(), file.params());
        assertEquals(model.network().toString(), file.spec().toString());
        NeuralNetClassificationModel wrapped = NeuralNetClassificationModel.of(file);
        assertEquals(model.transform(blobs).select("probability").collectAsList(),
                wrapped.transform(blobs).select("probability").collectAsList());
    }

    @Test
    void mllibsFullBatchSolversLearnAndStopOnTol() {
        NeuralNetClassifier lbfgs = blobClassifier().setSolver("l-bfgs").setMaxIter(30);
        assertTrue(accuracy(lbfgs.fit(blobs), blobs) >= 0.95);
        NeuralNetClassifier gd = blobClassifier().setSolver("gd").setMaxIter(30).setStepSize(2);
        assertTrue(accuracy(gd.fit(blobs), blobs) >= 0.95);
        // gd stops once a step after the first moves the weights by less than tol times their norm: with a huge
        // tol, after the second, as MLlib's GradientDescent.
        Vector twoSteps = blobClassifier().setSolver("gd").setMaxIter(2).setStepSize(2).fit(blobs).weights();
        assertEquals(twoSteps, gd.setTol(1e9).fit(blobs).weights());
    }
}
