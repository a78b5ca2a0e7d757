package io.dpnet.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.testing.LocalSpark;
import io.dpnet.testing.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NeuralNetClassifier among MLlib's stages: after feature transformers in a Pipeline, and under CrossValidator. */
@LocalSpark
class PipelineAndTuningTest {
    private static SparkSession spark;
    /** Blobs as two plain double columns {@code x} and {@code y} and an integer {@code class}, scaled up by 100. */
    private static Dataset<Row> table;
    private static final MulticlassClassificationEvaluator ACCURACY = new MulticlassClassificationEvaluator()
            .setLabelCol("class").setMetricName("accuracy");

    @BeforeAll
    static void start(SparkSession session) {
        spark = session;
        TestData.Points blobs = TestData.blobs(40, 11);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < blobs.labels().length; i++) {
            rows.add(RowFactory.create(100 * blobs.features()[i][0], 100 * blobs.features()[i][1],
                    (int) blobs.labels()[i]));
        }
        StructType schema = new StructType().add("x", DataTypes.DoubleType).add("y", DataTypes.DoubleType)
                .add("class", DataTypes.IntegerType);
        table = spark.createDataFrame(rows, schema).cache();
    }

    private static NeuralNetClassifier classifier() {
        return new NeuralNetClassifier().setFeaturesCol("scaled").setLabelCol("class").setLayers(new int[] {2, 8, 3})
                .setSeed(5).setMaxIter(8).setBatchSize(16).setStepSize(0.05);
    }

    private static Pipeline pipeline(NeuralNetClassifier classifier) {
        return new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(new String[] {"x", "y"}).setOutputCol("raw"),
            new StandardScaler().setInputCol("raw").setOutputCol("scaled").setWithMean(true),
            classifier});
    }

    @Test
    void aPipelineWithFeatureTransformersLearnsAndSavesWhole(@TempDir Path dir) throws IOException {
        PipelineModel model = pipeline(classifier()).fit(table);
        assertTrue(ACCURACY.evaluate(model.transform(table)) >= 0.95);
        assertInstanceOf(NeuralNetClassificationModel.class, model.stages()[2]);

        String path = dir.resolve("pipeline").toString();
        model.write().save(path);
        PipelineModel loaded = PipelineModel.load(path);
        NeuralNetClassificationModel stage = (NeuralNetClassificationModel) loaded.stages()[2];
        assertEquals("scaled", stage.getFeaturesCol());
        assertEquals(8, stage.getMaxIter());
        assertEquals(model.transform(table).collectAsList(), loaded.transform(table).collectAsList());

        Pipeline unfitted = pipeline(classifier());
        unfitted.write().save(dir.resolve("unfitted").toString());
        Pipeline reread = Pipeline.load(dir.resolve("unfitted").toString());
        MlpcParityTest.assertSameParams(unfitted.getStages()[2], reread.getStages()[2]);
    }

    @Test
    void crossValidationPicksTheBetterStepSize(@TempDir Path dir) throws IOException {
        NeuralNetClassifier classifier = classifier();
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(classifier.stepSize(), new double[] {1e-5, 0.1})
                .build();
        CrossValidator validator = new CrossValidator()
                .setEstimator(pipeline(classifier))
                .setEstimatorParamMaps(grid)
                .setEvaluator(ACCURACY)
                .setNumFolds(2)
                .setSeed(3);
        CrossValidatorModel cv = validator.fit(table);
        double[] metrics = cv.avgMetrics();
        assertEquals(2, metrics.length);
        assertTrue(metrics[1] > metrics[0] && metrics[1] >= 0.9, java.util.Arrays.toString(metrics));
        PipelineModel best = (PipelineModel) cv.bestModel();
        assertEquals(0.1, ((NeuralNetClassificationModel) best.stages()[2]).getStepSize());

        String path = dir.resolve("cv").toString();
        cv.write().save(path);
        CrossValidatorModel loaded = CrossValidatorModel.load(path);
        assertEquals(cv.transform(table).collectAsList(), loaded.transform(table).collectAsList());
    }
}
