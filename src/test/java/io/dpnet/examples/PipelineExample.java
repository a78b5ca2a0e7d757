package io.dpnet.examples;

import io.dpnet.data.BundledMnist;
import io.dpnet.data.DataBlock;
import io.dpnet.data.MnistData;
import io.dpnet.ml.NeuralNetClassifier;
import java.io.IOException;
import java.util.Iterator;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML Pipeline with dpnet's NeuralNetClassifier on the MNIST digits bundled with dpnet (10,000 to train on,
 * 2,000 to test): scale each image's pixel intensities (0-255) so that its brightest pixel is 1, train a 784-64-10
 * network, and print the test accuracy. It reads as a MultilayerPerceptronClassifier program would; the class name,
 * the hidden layers' activation and initializer, and the mini-batch params are dpnet's.
 */
public final class PipelineExample {
    private static final StructType DIGITS = new StructType()
            .add("pixels", SQLDataTypes.VectorType(), false)
            .add("digit", DataTypes.IntegerType, false);

    private PipelineExample() {
    }

    public static void main(String[] args) throws IOException {
        SparkConf conf = new SparkConf().setAppName("dpnet PipelineExample").setIfMissing("spark.master", "local[*]");
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            System.out.printf("test accuracy %.4f%n", run(spark));
        } finally {
            spark.stop();
        }
    }

    /** Trains the pipeline and returns its accuracy on the test digits. */
    public static double run(SparkSession spark) throws IOException {
        MnistData mnist = BundledMnist.load();
        Dataset<Row> train = digits(spark, mnist.train());
        Dataset<Row> test = digits(spark, mnist.test());

        NeuralNetClassifier classifier = new NeuralNetClassifier()
                .setFeaturesCol("scaled")
                .setLabelCol("digit")
                .setLayers(new int[] {784, 64, 10})
                .setActivation("relu")  // MLlib's sigmoid is the default
                .setInitializer("he")
                .setSolver("adam")      // the default: mini-batch Adam, maxIter epochs
                .setMaxIter(8)
                .setBatchSize(100)
                .setStepSize(0.003)     // Adam's learning rate
                .setSeed(1);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new Normalizer().setInputCol("pixels").setOutputCol("scaled").setP(Double.POSITIVE_INFINITY),
            classifier});
        PipelineModel model = pipeline.fit(train);

        return new MulticlassClassificationEvaluator()
                .setLabelCol("digit")
                .setMetricName("accuracy")
                .evaluate(model.transform(test));
    }

    /**
     * The digits as a DataFrame of (pixels, digit), with pixel intensities 0-255 as the MNIST files hold them. The
     * packed block (one byte a pixel) is shipped in pieces and the rows are made where they are read; a real program
     * would read its DataFrame from files instead.
     */
    static Dataset<Row> digits(SparkSession spark, DataBlock block) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int parts = sc.defaultParallelism();
        JavaRDD<Row> rows = sc.parallelize(block.split(parts), parts).flatMap(PipelineExample::rows);
        return spark.createDataFrame(rows, DIGITS);
    }

    private static Iterator<Row> rows(DataBlock piece) {
        return IntStream.range(0, piece.size()).mapToObj(i -> {
            double[] pixels = new double[piece.featureCount()];
            for (int j = 0; j < pixels.length; j++) {
                pixels[j] = Math.rint(255 * piece.feature(i, j));
            }
            return RowFactory.create(Vectors.dense(pixels), piece.label(i));
        }).iterator();
    }
}
