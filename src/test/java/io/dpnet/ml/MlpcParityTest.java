package io.dpnet.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.testing.LocalSpark;
import io.dpnet.testing.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.SparkException;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationSummary;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationTrainingSummary;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.classification.TrainingSummary;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Behaviours of MultilayerPerceptronClassifier that a program can see, each checked against MLlib's class and ours
 * by the same test: that MLlib's passes shows the test describes MLlib, and that ours passes shows the drop-in.
 * Methods are called by name (see {@link Api}), as the same program would call them on either class.
 */
@LocalSpark
class MlpcParityTest {
    private static SparkSession spark;
    private static Dataset<Row> xor;

    /** One of the two classes under test, named for the test report. */
    record Subject(String name, Supplier<ProbabilisticClassifier<Vector, ?, ?>> create) {
        ProbabilisticClassifier<Vector, ?, ?> estimator() {
            return create.get();
        }

        /** An estimator for a 2-5-2 network on XOR that fits quickly, whatever it learns. */
        ProbabilisticClassifier<Vector, ?, ?> quickXor() {
            ProbabilisticClassifier<Vector, ?, ?> est = estimator();
            Api.call(est, "setLayers", (Object) new int[] {2, 5, 2});
            Api.call(est, "setMaxIter", 5);
            Api.call(est, "setSeed", 123L);
            return est;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Subject> classifiers() {
        return Stream.of(new Subject("MultilayerPerceptronClassifier", MultilayerPerceptronClassifier::new),
                new Subject("NeuralNetClassifier", NeuralNetClassifier::new));
    }

    @BeforeAll
    static void start(SparkSession session) {
        spark = session;
        xor = TestData.xor(spark).cache();
    }

    @SuppressWarnings("unchecked")
    private static ProbabilisticClassificationModel<Vector, ?> fit(ProbabilisticClassifier<Vector, ?, ?> est,
                                                                  Dataset<Row> data) {
        return (ProbabilisticClassificationModel<Vector, ?>) est.fit(data);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void layersNeedTwoPositiveSizes(Subject subject) {
        ProbabilisticClassifier<Vector, ?, ?> est = subject.estimator();
        for (int[] bad : List.of(new int[0], new int[] {1}, new int[] {0, 1}, new int[] {1, 0}, new int[] {4, -3, 2})) {
            assertThrows(IllegalArgumentException.class, () -> Api.call(est, "setLayers", (Object) bad));
        }
        Api.call(est, "setLayers", (Object) new int[] {1, 1});
        assertArrayEquals(new int[] {1, 1}, (int[]) Api.call(est, "getLayers"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void defaults(Subject subject) {
        ProbabilisticClassifier<Vector, ?, ?> est = subject.estimator();
        assertEquals(100, Api.call(est, "getMaxIter"));
        assertEquals(1e-6, Api.call(est, "getTol"));
        assertEquals(128, Api.call(est, "getBlockSize"));
        assertEquals(0.03, Api.call(est, "getStepSize"));
        assertEquals((long) est.getClass().getName().hashCode(), Api.call(est, "getSeed"));
        assertEquals("features", est.getFeaturesCol());
        assertEquals("label", est.getLabelCol());
        assertEquals("prediction", est.getPredictionCol());
        assertEquals("probability", est.getProbabilityCol());
        assertEquals("rawPrediction", est.getRawPredictionCol());
        for (String undefined : List.of("layers", "initialWeights", "thresholds")) {
            assertFalse(est.isDefined(est.getParam(undefined)), undefined);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void outOfRangeValuesAreRefused(Subject subject) {
        ProbabilisticClassifier<Vector, ?, ?> est = subject.estimator();
        assertThrows(IllegalArgumentException.class, () -> Api.call(est, "setMaxIter", -1));
        assertThrows(IllegalArgumentException.class, () -> Api.call(est, "setTol", -1e-3));
        assertThrows(IllegalArgumentException.class, () -> Api.call(est, "setBlockSize", 0));
        assertThrows(IllegalArgumentException.class, () -> Api.call(est, "setStepSize", 0.0));
        assertThrows(IllegalArgumentException.class, () -> Api.call(est, "setSolver", "newton"));
        Api.call(est, "setMaxIter", 0);
        Api.call(est, "setTol", 0.0);
        Api.call(est, "setSolver", "l-bfgs");
        Api.call(est, "setSolver", "gd");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void settersReturnTheEstimator(Subject subject) {
        ProbabilisticClassifier<Vector, ?, ?> est = subject.estimator();
        Object[][] calls = {{"setLayers", new int[] {3, 2}}, {"setMaxIter", 7}, {"setTol", 1e-4}, {"setSeed", 9L},
            {"setBlockSize", 16}, {"setStepSize", 0.1}, {"setSolver", "gd"},
            {"setInitialWeights", Vectors.zeros(8)}, {"setFeaturesCol", "f"},
            {"setLabelCol", "l"}, {"setPredictionCol", "p"}, {"setProbabilityCol", "pr"},
            {"setRawPredictionCol", "r"}, {"setThresholds", new double[] {0.4, 0.6}}};
        for (Object[] c : calls) {
            assertSame(est, Api.call(est, (String) c[0], c[1]), (String) c[0]);
        }
        assertEquals(7, Api.call(est, "getMaxIter"));
        assertEquals("gd", Api.call(est, "getSolver"));
        assertEquals(8, ((Vector) Api.call(est, "getInitialWeights")).size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void copyKeepsTheUidAndAppliesExtraParams(Subject subject) {
        ProbabilisticClassifier<Vector, ?, ?> est = subject.quickXor();
        ParamMap extra = new ParamMap().put(est.getParam("maxIter"), 3);
        Params copy = est.copy(extra);
        assertNotSame(est, copy);
        assertEquals(est.uid(), copy.uid());
        assertEquals(3, copy.getOrDefault(copy.getParam("maxIter")));
        assertEquals(5, est.getOrDefault(est.getParam("maxIter")));
        assertArrayEquals(new int[] {2, 5, 2}, (int[]) copy.getOrDefault(copy.getParam("layers")));
        // fit(dataset, paramMap) trains a copy with the extra params; the estimator itself keeps its own.
        Params model = (Params) est.fit(xor, extra);
        assertEquals(3, model.getOrDefault(model.getParam("maxIter")));
        assertEquals(5, est.getOrDefault(est.getParam("maxIter")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void theModelHasTheEstimatorsUidAndParams(Subject subject) {
        ProbabilisticClassifier<Vector, ?, ?> est = subject.quickXor();
        ProbabilisticClassificationModel<Vector, ?> model = fit(est, xor);
        assertEquals(est.uid(), model.uid());
        assertSame(est, model.parent());
        ProbabilisticClassificationModel<?, ?> copy = (ProbabilisticClassificationModel<?, ?>) model.copy(
                ParamMap.empty());
        assertEquals(model.uid(), copy.uid());
        assertSame(est, copy.parent());
        assertEquals(2, model.numFeatures());
        assertEquals(2, model.numClasses());
        assertArrayEquals(new int[] {2, 5, 2}, (int[]) Api.call(model, "getLayers"));
        assertEquals(5, Api.call(model, "getMaxIter"));
        // 2x5 + 5 and 5x2 + 2 weights, in the same layout.
        assertEquals(27, ((Vector) Api.call(model, "weights")).size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void lbfgsLearnsXor(Subject subject) {
        // MLlib's own case: 2-5-2, block size 1, seed 123, 100 L-BFGS iterations classify all four points.
        ProbabilisticClassifier<Vector, ?, ?> est = subject.estimator();
        Api.call(est, "setLayers", (Object) new int[] {2, 5, 2});
        Api.call(est, "setBlockSize", 1);
        Api.call(est, "setSeed", 123L);
        Api.call(est, "setMaxIter", 100);
        Api.call(est, "setSolver", "l-bfgs");
        for (Row row : fit(est, xor).transform(xor).select("prediction", "label").collectAsList()) {
            assertEquals(row.getDouble(1), row.getDouble(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void lbfgsProbabilitiesAreCalibratedOnAToySet(Subject subject) {
        // MLlib's own case: two points of sure classes, and one point seen once in each class.
        Dataset<Row> toy = spark.createDataFrame(List.of(
                RowFactory.create(Vectors.dense(1, 2, 3, 4), 0.0, Vectors.dense(1, 0)),
                RowFactory.create(Vectors.dense(4, 3, 2, 1), 1.0, Vectors.dense(0, 1)),
                RowFactory.create(Vectors.dense(1, 1, 1, 1), 0.0, Vectors.dense(0.5, 0.5)),
                RowFactory.create(Vectors.dense(1, 1, 1, 1), 1.0, Vectors.dense(0.5, 0.5))),
                TestData.SCHEMA.add("expectedProbability", org.apache.spark.ml.linalg.SQLDataTypes.VectorType()));
        ProbabilisticClassifier<Vector, ?, ?> est = subject.estimator();
        Api.call(est, "setLayers", (Object) new int[] {4, 5, 2});
        Api.call(est, "setBlockSize", 1);
        Api.call(est, "setSeed", 123L);
        Api.call(est, "setMaxIter", 100);
        Api.call(est, "setSolver", "l-bfgs");
        for (Row row : fit(est, toy).transform(toy).select("probability", "expectedProbability").collectAsList()) {
            assertArrayEquals(((Vector) row.get(1)).toArray(), ((Vector) row.get(0)).toArray(), 1e-3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void threeClassesWithTwoHiddenLayersPredictAsLogisticRegressionDoes(Subject subject) {
        // MLlib's case "3 class classification with 2 hidden layers": on 1000 points drawn from a multinomial
        // logistic model (coefficients fitted to Iris, in MLlib's suites), a 4-5-4-3 network trained for 100
        // iterations predicts much as logistic regression does: no confusion-matrix entry differs by more than 100.
        double[][] coefficients = {{-0.57997, 0.912083, -0.371077, -0.819866, 2.688191},
            {-0.16624, -0.84355, -0.048509, -0.301789, 4.170682}};
        Dataset<Row> data = TestData.multinomialLogistic(coefficients, new double[] {5.843, 3.057, 3.758, 1.199},
                new double[] {0.6856, 0.1899, 3.116, 0.581}, 1000, 42).frame(spark).cache();
        ProbabilisticClassifier<Vector, ?, ?> est = subject.estimator();
        Api.call(est, "setLayers", (Object) new int[] {4, 5, 4, 3});
        Api.call(est, "setBlockSize", 1);
        Api.call(est, "setSeed", 11L);
        Api.call(est, "setMaxIter", 100);
        ProbabilisticClassificationModel<Vector, ?> model = fit(est, data);
        assertEquals(4, model.numFeatures());
        LogisticRegressionModel lr = new LogisticRegression().setFamily("multinomial").setRegParam(0)
                .setMaxIter(100).fit(data);
        long[][] network = confusion(model.transform(data), 3);
        long[][] logistic = confusion(lr.transform(data), 3);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(logistic[i][j], network[i][j], 100, () -> Arrays.deepToString(network) + " vs "
                        + Arrays.deepToString(logistic));
            }
        }
        data.unpersist();
    }

    /** Rows are labels, columns predictions. */
    static long[][] confusion(Dataset<Row> predicted, int classes) {
        long[][] counts = new long[classes][classes];
        for (Row row : predicted.select("label", "prediction").collectAsList()) {
            counts[(int) row.getDouble(0)][(int) row.getDouble(1)]++;
        }
        return counts;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void theSameInitialWeightsGiveTheSameWeights(Subject subject) {
        ProbabilisticClassifier<Vector, ?, ?> est = subject.quickXor();
        Api.call(est, "setMaxIter", 1);
        Vector start = (Vector) Api.call(fit(est, xor), "weights");
        Api.call(est, "setInitialWeights", start.copy());
        Vector first = (Vector) Api.call(fit(est, xor), "weights");
        Api.call(est, "setInitialWeights", start.copy());
        assertArrayEquals(first.toArray(), ((Vector) Api.call(fit(est, xor), "weights")).toArray(), 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void outputColumnsAgree(Subject subject) {
        ProbabilisticClassificationModel<Vector, ?> model = fit(subject.quickXor(), xor);
        for (Row row : model.transform(xor).select("features", "rawPrediction", "probability", "prediction")
                .collectAsList()) {
            Vector features = row.getAs(0);
            Vector raw = row.getAs(1);
            Vector probability = row.getAs(2);
            double prediction = row.getDouble(3);
            double sum = 0;
            for (double p : probability.toArray()) {
                assertTrue(p >= 0 && p <= 1, probability::toString);
                sum += p;
            }
            assertEquals(1.0, sum, 1e-12);
            assertEquals(probability.argmax(), (int) prediction);
            assertEquals(raw.argmax(), (int) prediction);
            assertEquals(prediction, model.predict(features));
            assertArrayEquals(raw.toArray(), model.predictRaw(features).toArray(), 1e-12);
            assertArrayEquals(probability.toArray(), model.predictProbability(features).toArray(), 1e-12);
        }
        // Any output column may be switched off; the prediction stays the same.
        ProbabilisticClassificationModel<Vector, ?> onlyPrediction = fit(subject.quickXor(), xor);
        Api.call(onlyPrediction, "setRawPredictionCol", "");
        Api.call(onlyPrediction, "setProbabilityCol", "");
        Dataset<Row> out = onlyPrediction.transform(xor);
        assertEquals(List.of("features", "label", "prediction"), List.of(out.columns()));
        assertEquals(model.transform(xor).select("prediction").collectAsList(),
                out.select("prediction").collectAsList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void theModelTransformsAStreamingDataFrame(Subject subject, @TempDir Path dir) throws Exception {
        ProbabilisticClassificationModel<Vector, ?> model = fit(subject.quickXor(), xor);
        String input = dir.resolve("input").toString();
        xor.write().parquet(input);
        Dataset<Row> stream = spark.readStream().schema(xor.schema()).parquet(input);
        String table = "predictions_" + subject.name();
        StreamingQuery query = model.transform(stream).writeStream().format("memory").queryName(table).start();
        try {
            query.processAllAvailable();
        } finally {
            query.stop();
        }
        assertEquals(model.transform(xor).select("features", "prediction").sort("features").collectAsList(),
                spark.table(table).select("features", "prediction").sort("features").collectAsList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void everyNumericLabelTypeGivesTheSameModelAndStringsAreRefused(Subject subject) {
        Vector expected = (Vector) Api.call(fit(subject.quickXor(), xor), "weights");
        List<DataType> numeric = List.of(DataTypes.ByteType, DataTypes.ShortType, DataTypes.IntegerType,
                DataTypes.LongType, DataTypes.FloatType, new DecimalType(10, 0));
        for (DataType type : numeric) {
            Dataset<Row> typed = xor.withColumn("label", xor.col("label").cast(type));
            assertEquals(expected, Api.call(fit(subject.quickXor(), typed), "weights"), type.toString());
        }
        Dataset<Row> strings = xor.withColumn("label", xor.col("label").cast(DataTypes.StringType));
        assertThrows(IllegalArgumentException.class, () -> fit(subject.quickXor(), strings));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void rowsThatDoNotFitTheNetworkAreRefused(Subject subject) {
        // MLlib fails inside its Spark job (or, for a wrong width, after training); NeuralNetClassifier fails before
        // training with an IllegalArgumentException (see InputCheckTest). Both refuse.
        Object[][] bad = {{Vectors.dense(1, 2), 2.0}, {Vectors.dense(1, 2), -1.0}, {Vectors.dense(1, 2), 0.5},
            {Vectors.dense(1, Double.NaN), 0.0}, {Vectors.dense(Double.POSITIVE_INFINITY, 1), 0.0}, {null, 0.0},
            {Vectors.dense(1, 2, 3), 0.0}};
        for (Object[] row : bad) {
            Dataset<Row> data = xor.union(spark.createDataFrame(List.of(RowFactory.create(row)), TestData.SCHEMA));
            assertThrows(Exception.class, () -> fit(subject.quickXor(), data), java.util.Arrays.toString(row));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void theEstimatorSavesOnlyOverAnExistingPathWhenToldAndLoadsTheSame(Subject subject, @TempDir Path dir)
            throws IOException {
        ProbabilisticClassifier<Vector, ?, ?> est = subject.quickXor();
        Api.call(est, "setTol", 0.1);
        Api.call(est, "setFeaturesCol", "myFeatures");
        Api.call(est, "setInitialWeights", Vectors.dense(new double[27]));
        String path = dir.resolve("estimator").toString();
        ((MLWritable) est).write().save(path);
        assertThrows(IOException.class, () -> ((MLWritable) est).write().save(path));
        Api.call(est, "setMaxIter", 8);
        ((MLWritable) est).write().overwrite().save(path);
        Params loaded = (Params) Api.load(est.getClass(), path);
        assertSameParams(est, loaded);
        assertEquals(8, loaded.getOrDefault(loaded.getParam("maxIter")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void theModelSavesAndLoadsWithItsUidParamsAndPredictions(Subject subject, @TempDir Path dir)
            throws IOException {
        ProbabilisticClassificationModel<Vector, ?> model = fit(subject.quickXor(), xor);
        String path = dir.resolve("model").toString();
        ((MLWritable) model).write().save(path);
        assertThrows(IOException.class, () -> ((MLWritable) model).write().save(path));
        ((MLWritable) model).write().overwrite().save(path);
        @SuppressWarnings("unchecked")
        ProbabilisticClassificationModel<Vector, ?> loaded =
                (ProbabilisticClassificationModel<Vector, ?>) Api.load(model.getClass(), path);
        assertSameParams(model, loaded);
        assertEquals(Api.call(model, "weights"), Api.call(loaded, "weights"));
        assertEquals(model.transform(xor).collectAsList(), loaded.transform(xor).collectAsList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void aSavedPipelineModelPredictsTheSame(Subject subject, @TempDir Path dir) throws IOException {
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {subject.quickXor()});
        PipelineModel model = pipeline.fit(xor);
        String path = dir.resolve("pipeline").toString();
        model.write().save(path);
        PipelineModel loaded = PipelineModel.load(path);
        assertEquals(model.stages()[0].uid(), loaded.stages()[0].uid());
        assertEquals(model.stages()[0].getClass(), loaded.stages()[0].getClass());
        assertEquals(model.transform(xor).collectAsList(), loaded.transform(xor).collectAsList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void theTrainingSummaryHasTheMetricsThatEvaluateGives(Subject subject) {
        // MLlib's case "summary and training summary": on the training data, summary and evaluate agree.
        ProbabilisticClassifier<Vector, ?, ?> est = subject.estimator();
        Api.call(est, "setMaxIter", 5);
        Api.call(est, "setLayers", (Object) new int[] {2, 3, 2});
        ProbabilisticClassificationModel<Vector, ?> model = fit(est, xor);
        assertEquals(true, Api.call(model, "hasSummary"));
        MultilayerPerceptronClassificationTrainingSummary summary =
                (MultilayerPerceptronClassificationTrainingSummary) Api.call(model, "summary");
        MultilayerPerceptronClassificationSummary evaluated =
                (MultilayerPerceptronClassificationSummary) Api.call(model, "evaluate", xor);
        assertArrayEquals(summary.truePositiveRateByLabel(), evaluated.truePositiveRateByLabel());
        assertArrayEquals(summary.falsePositiveRateByLabel(), evaluated.falsePositiveRateByLabel());
        assertArrayEquals(summary.precisionByLabel(), evaluated.precisionByLabel());
        assertArrayEquals(summary.recallByLabel(), evaluated.recallByLabel());
        assertArrayEquals(summary.fMeasureByLabel(), evaluated.fMeasureByLabel());
        assertEquals(summary.accuracy(), evaluated.accuracy());
        assertEquals(summary.weightedFalsePositiveRate(), evaluated.weightedFalsePositiveRate());
        assertEquals(summary.weightedTruePositiveRate(), evaluated.weightedTruePositiveRate());
        assertEquals(summary.weightedPrecision(), evaluated.weightedPrecision());
        assertEquals(summary.weightedRecall(), evaluated.weightedRecall());
        assertEquals(summary.weightedFMeasure(), evaluated.weightedFMeasure());
        // The metrics are those of the model's own predictions, and the summary names its columns.
        long correct = model.transform(xor).filter("prediction = label").count();
        assertEquals(correct / 4.0, summary.accuracy(), 1e-12);
        assertArrayEquals(new double[] {0, 1}, summary.labels());
        assertEquals("prediction", summary.predictionCol());
        assertEquals("label", summary.labelCol());
        assertEquals(4, summary.predictions().count());
        // One loss before training and one after each iteration, none of them NaN.
        assertEquals(summary.totalIterations() + 1, summary.objectiveHistory().length);
        for (double loss : summary.objectiveHistory()) {
            assertTrue(loss > 0 && Double.isFinite(loss), () -> Arrays.toString(summary.objectiveHistory()));
        }
    }

    static Stream<Arguments> classifiersAndSolvers() {
        return classifiers().flatMap(subject -> Stream.of(null, "l-bfgs", "gd").map(s -> Arguments.of(subject, s)));
    }

    @ParameterizedTest(name = "{0}, solver {1}")
    @MethodSource("classifiersAndSolvers")
    void totalIterationsNeverExceedMaxIter(Subject subject, String solver) {
        // MLlib's case "training summary totalIterations" (on MLPC's default solver, l-bfgs), here on each solver:
        // a single iteration is counted as one, more may end early on tol.
        int[] maxIters = solver == null ? new int[] {1, 5, 10, 20, 100} : new int[] {1, 20};
        for (int maxIter : maxIters) {
            ProbabilisticClassifier<Vector, ?, ?> est = subject.estimator();
            Api.call(est, "setMaxIter", maxIter);
            Api.call(est, "setLayers", (Object) new int[] {2, 3, 2});
            if (solver != null) {
                Api.call(est, "setSolver", solver);
            }
            ProbabilisticClassificationModel<Vector, ?> model = fit(est, xor);
            TrainingSummary summary = (TrainingSummary) Api.call(model, "summary");
            if (maxIter == 1) {
                assertEquals(1, summary.totalIterations());
            } else {
                assertTrue(summary.totalIterations() <= maxIter, maxIter + ": " + summary.totalIterations());
            }
            assertEquals(summary.totalIterations() + 1, summary.objectiveHistory().length);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void maxIterZeroSummarizesTheStartingPoint(Subject subject) {
        ProbabilisticClassifier<Vector, ?, ?> est = subject.quickXor();
        Api.call(est, "setMaxIter", 0);
        Api.call(est, "setSolver", "l-bfgs");
        TrainingSummary summary = (TrainingSummary) Api.call(fit(est, xor), "summary");
        assertEquals(0, summary.totalIterations());
        assertEquals(1, summary.objectiveHistory().length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void onlyAModelThatFitReturnedHasASummary(Subject subject, @TempDir Path dir) throws IOException {
        ProbabilisticClassificationModel<Vector, ?> model = fit(subject.quickXor(), xor);
        String path = dir.resolve("model").toString();
        ((MLWritable) model).write().save(path);
        Object loaded = Api.load(model.getClass(), path);
        // Neither a loaded model nor a copy has one; summary() then throws MLlib's SparkException.
        for (Object without : List.of(loaded, model.copy(ParamMap.empty()))) {
            assertEquals(false, Api.call(without, "hasSummary"));
            SparkException e = assertThrows(SparkException.class, () -> Api.call(without, "summary"));
            assertEquals("No training summary available for this " + model.getClass().getSimpleName(),
                    e.getMessage());
        }
        // evaluate needs no summary: on the same rows it gives the same accuracy.
        MultilayerPerceptronClassificationSummary original =
                (MultilayerPerceptronClassificationSummary) Api.call(model, "evaluate", xor);
        assertEquals(original.accuracy(),
                ((MultilayerPerceptronClassificationSummary) Api.call(loaded, "evaluate", xor)).accuracy());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void evaluateWorksWithTheOutputColumnsSwitchedOffAndAnyNumericLabel(Subject subject) {
        ProbabilisticClassificationModel<Vector, ?> model = fit(subject.quickXor(), xor);
        double accuracy = ((MultilayerPerceptronClassificationSummary) Api.call(model, "evaluate", xor)).accuracy();
        Api.call(model, "setPredictionCol", "");
        Api.call(model, "setProbabilityCol", "");
        Dataset<Row> intLabels = xor.withColumn("label", xor.col("label").cast(DataTypes.IntegerType));
        MultilayerPerceptronClassificationSummary summary =
                (MultilayerPerceptronClassificationSummary) Api.call(model, "evaluate", intLabels);
        assertEquals(accuracy, summary.accuracy());
        assertTrue(summary.predictionCol().startsWith("prediction_"), summary.predictionCol());
        assertTrue(List.of(summary.predictions().columns()).contains(summary.predictionCol()));
    }

    /** Every param of {@code expected} is defined, set and valued alike in {@code actual}. */
    static void assertSameParams(Params expected, Params actual) {
        assertEquals(expected.uid(), actual.uid());
        assertEquals(expected.getClass(), actual.getClass());
        for (Param<?> p : expected.params()) {
            Param<Object> q = actual.getParam(p.name());
            assertEquals(expected.isSet(p), actual.isSet(q), p.name() + " set");
            assertEquals(expected.isDefined(p), actual.isDefined(q), p.name() + " defined");
            if (expected.isDefined(p)) {
                Object e = expected.getOrDefault(p);
                Object a = actual.getOrDefault(q);
                if (e instanceof int[] ints) {
                    assertArrayEquals(ints, (int[]) a, p.name());
                } else if (e instanceof double[] doubles) {
                    assertArrayEquals(doubles, (double[]) a, p.name());
                } else {
                    assertEquals(e, a, p.name());
                }
            }
        }
    }
}
