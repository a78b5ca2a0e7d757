package io.dpnet.bench;

import io.dpnet.data.DataBlock;
import io.dpnet.data.MnistData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The baseline: Spark MLlib's {@link MultilayerPerceptronClassifier} (L-BFGS) trained on the same data, with its
 * test accuracy recorded along the way so that its time to a target accuracy compares with ours.
 *
 * <p>MLPC reports nothing until {@code fit} returns, so it is trained in chunks of a few iterations, each chunk
 * starting from the previous chunk's weights ({@code setInitialWeights}), with the test accuracy measured between
 * chunks. This is the only way to watch accuracy during an MLPC run, and it is not free for MLPC: L-BFGS's curvature
 * memory (its last gradient differences) restarts empty at every chunk, so the first iterations of each chunk are
 * closer to gradient descent than one long run would be; and each {@code fit} first stacks the data into blocks of
 * {@code blockSize} samples and caches them, one more pass over the data per chunk. Larger chunks mean fewer
 * restarts but a coarser curve.
 *
 * <p>Only {@code fit} is on the clock. Building and caching the DataFrames happens before it starts, and the clock
 * is stopped while the test set is evaluated between chunks.
 */
public final class MllibBaseline {

    /** One evaluation between chunks: training seconds and L-BFGS iterations so far, and the test accuracy then. */
    public record Point(double seconds, int iterations, double testAccuracy) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seconds", seconds);
            m.put("iterations", iterations);
            m.put("test_accuracy", testAccuracy);
            return m;
        }
    }

    /**
     * What a run measured.
     *
     * @param curve              one point per chunk, in order
     * @param secondsToTarget    training seconds at the first point that reached the target accuracy; {@code null}
     *                           if none did
     * @param bestAccuracy       highest test accuracy on the curve
     * @param trainSeconds       training seconds in all (evaluation excluded)
     * @param iterations         L-BFGS iterations in all
     * @param secondsPerIteration {@code trainSeconds / iterations}
     * @param samplesPerSecond   {@code train samples x iterations / trainSeconds}: each L-BFGS iteration is one
     *                           full pass over the training set (loss and gradient), plus the passes of any
     *                           line-search steps, which this rate does not count
     */
    public record Result(List<Point> curve, Double secondsToTarget, double bestAccuracy, double trainSeconds,
                         int iterations, double secondsPerIteration, double samplesPerSecond) {

        /** Snake-case keys for the benchmark's JSON output. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seconds_to_target", secondsToTarget);
            m.put("best_accuracy", bestAccuracy);
            m.put("train_seconds", trainSeconds);
            m.put("iterations", iterations);
            m.put("seconds_per_iteration", secondsPerIteration);
            m.put("samples_per_second", samplesPerSecond);
            m.put("curve", curve.stream().map(Point::toMap).toList());
            return m;
        }
    }

    private static final StructType SCHEMA = new StructType()
            .add("features", SQLDataTypes.VectorType(), false)
            .add("label", DataTypes.DoubleType, false);

    private MllibBaseline() {
    }

    /**
     * Trains MLPC on {@code data.train()} in chunks of {@code chunkIterations} L-BFGS iterations, evaluating on
     * {@code data.test()} after each chunk, until the test accuracy reaches {@code targetAccuracy} or the training
     * time reaches {@code budgetSeconds} (checked between chunks, so the last chunk may overrun the budget).
     *
     * @param layers layer sizes, input first: {@code [784, 128, 64, 10]}; MLPC puts sigmoids between hidden layers
     *               and a softmax on the last
     * @param blockSize samples MLPC stacks into one matrix (its {@code blockSize})
     * @param seed   seed of MLPC's random initial weights
     */
    public static Result run(SparkSession spark, MnistData data, int[] layers, int blockSize, int chunkIterations,
                             double budgetSeconds, double targetAccuracy, long seed) {
        if (chunkIterations < 1) {
            throw new IllegalArgumentException("chunkIterations must be at least 1, got " + chunkIterations);
        }
        if (layers.length < 2 || layers[0] != data.train().featureCount()) {
            throw new IllegalArgumentException("layers must start with the " + data.train().featureCount()
                    + " input features and have an output layer, got " + Arrays.toString(layers));
        }
        int partitions = spark.sparkContext().defaultParallelism();
        Frame train = Frame.cached(spark, data.train(), partitions);
        Frame test = Frame.cached(spark, data.test(), partitions);
        try {
            return train(train.rows(), test.rows(), data.train().size(), layers, blockSize, chunkIterations,
                    budgetSeconds, targetAccuracy, seed);
        } finally {
            train.release();
            test.release();
        }
    }

    private static Result train(Dataset<Row> train, Dataset<Row> test, int trainSize, int[] layers, int blockSize,
                                int chunkIterations, double budgetSeconds, double targetAccuracy, long seed) {
        MultilayerPerceptronClassifier mlpc = new MultilayerPerceptronClassifier()
                .setLayers(layers)
                .setBlockSize(blockSize)
                .setSolver("l-bfgs")
                .setSeed(seed)
                .setMaxIter(chunkIterations)
                .setTol(0.0); // no early stop for "convergence": every chunk runs all its iterations
        MulticlassClassificationEvaluator accuracyOf = new MulticlassClassificationEvaluator()
                .setMetricName("accuracy");

        List<Point> curve = new ArrayList<>();
        Double secondsToTarget = null;
        double best = 0;
        long trainNanos = 0;
        int iterations = 0;
        while (secondsToTarget == null && trainNanos / 1e9 < budgetSeconds) {
            long start = System.nanoTime();
            MultilayerPerceptronClassificationModel model = mlpc.fit(train);
            trainNanos += System.nanoTime() - start;

            // The objective history holds the starting loss and one loss per iteration actually run.
            int done = model.summary().objectiveHistory().length - 1;
            if (done < 1) {
                break; // L-BFGS could not move from these weights (e.g. its line search failed at once)
            }
            iterations += done;
            mlpc.setInitialWeights(model.weights());

            double accuracy = accuracyOf.evaluate(model.transform(test)); // off the clock
            double seconds = trainNanos / 1e9;
            curve.add(new Point(seconds, iterations, accuracy));
            best = Math.max(best, accuracy);
            if (accuracy >= targetAccuracy) {
                secondsToTarget = seconds;
            }
        }
        double seconds = trainNanos / 1e9;
        return new Result(List.copyOf(curve), secondsToTarget, best, seconds, iterations,
                iterations > 0 ? seconds / iterations : Double.NaN,
                seconds > 0 ? (double) trainSize * iterations / seconds : Double.NaN);
    }

    /**
     * A block as a cached DataFrame of dense {@code features} vectors and {@code double} labels, and the broadcast
     * it was built from.
     *
     * <p>The compact block (one byte per pixel) is broadcast and the double-valued rows are built on the executors.
     * Parallelizing the block itself would put its data in the RDD's partitions, and Spark ships a partition with
     * every task that reads the cached frame, even from the cache: tens of MB per task on each L-BFGS pass, charged
     * to MLPC. A broadcast is fetched once per executor.
     */
    private record Frame(Dataset<Row> rows, Broadcast<List<DataBlock>> parts) {

        /** Builds, caches and counts the frame, so that its preparation is done before any clock starts. */
        static Frame cached(SparkSession spark, DataBlock block, int partitions) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Broadcast<List<DataBlock>> parts = jsc.broadcast(block.split(partitions));
            List<Integer> indices = IntStream.range(0, partitions).boxed().toList();
            JavaRDD<Row> rows = jsc.parallelize(indices, partitions).flatMap(p -> toRows(parts.value().get(p)));
            Dataset<Row> frame = spark.createDataFrame(rows, SCHEMA).cache();
            frame.count();
            return new Frame(frame, parts);
        }

        void release() {
            rows.unpersist();
            parts.destroy();
        }
    }

    private static Iterator<Row> toRows(DataBlock part) {
        return IntStream.range(0, part.size()).mapToObj(i -> {
            double[] x = new double[part.featureCount()];
            part.copyFeatures(i, x, 0);
            return RowFactory.create(Vectors.dense(x), (double) part.label(i));
        }).iterator();
    }
}
