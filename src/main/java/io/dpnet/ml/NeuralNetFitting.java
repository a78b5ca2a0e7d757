package io.dpnet.ml;

import static org.apache.spark.sql.functions.col;

import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.init.Initializer;
import io.dpnet.nn.optim.LearningRateSchedule;
import io.dpnet.nn.optim.OptimizerSpec;
import io.dpnet.spark.SparkTraining;
import io.dpnet.train.EpochReport;
import io.dpnet.train.Sync;
import io.dpnet.train.TrainingConfig;
import io.dpnet.train.TrainingListener;
import io.dpnet.train.TrainingState;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link NeuralNetClassifier#train} does: choose the network, check and pack the DataFrame on the executors,
 * then run dpnet's synchronous data-parallel trainer on it.
 */
final class NeuralNetFitting {
    private static final Logger LOG = LoggerFactory.getLogger(NeuralNetClassifier.class);
    private static final String JOB_DESCRIPTION = "spark.job.description";

    /** A trained network, and the epochs it took (fewer than maxIter when it converged first). */
    record Fitted(NetworkSpec network, double[] weights, int epochs) {
    }

    private NeuralNetFitting() {
    }

    static Fitted fit(NeuralNetClassifier estimator, Dataset<?> dataset) {
        Solver solver = Solver.of(estimator.getSolver()).requireImplemented();
        NetworkSpec network = NetworkChoice.of(estimator);
        double[] weights = initialWeights(estimator, network);
        TrainingConfig config = trainingConfig(estimator, solver);
        RowCheck check = new RowCheck(network.inputSize(), network.numClasses(), estimator.getFeaturesCol(),
                estimator.getLabelCol());
        Dataset<Row> rows = dataset.select(col(estimator.getFeaturesCol()), col(estimator.getLabelCol()));
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        int partitions = estimator.getPartitions() > 0 ? estimator.getPartitions() : sc.defaultParallelism();
        // The trainer names its jobs after epochs and steps; the caller's own description comes back afterwards.
        String description = sc.getLocalProperty(JOB_DESCRIPTION);
        try (DataFrameBlocks data = DataFrameBlocks.pack(rows, check, partitions)) {
            if (estimator.getMaxIter() == 0) {
                return new Fitted(network, weights, 0);
            }
            try (SparkTraining training = SparkTraining.onPartitionedBlocks(sc, network, config, data.blocks(),
                    data.count())) {
                data.close(); // the trainer has cached its own shards of the packed rows
                LOG.info("Training {} on {} rows in {} partitions: {}", network, data.count(),
                        training.partitions(), config);
                return new Fitted(network, weights, train(training, weights, estimator.getTol()));
            }
        } finally {
            sc.setLocalProperty(JOB_DESCRIPTION, description);
        }
    }

    /** Trains {@code weights} in place; returns the epochs run. */
    private static int train(SparkTraining training, double[] weights, double tol) {
        ConvergenceCheck convergence = new ConvergenceCheck(tol);
        TrainingListener progress = NeuralNetFitting::log;
        try {
            training.fit(new TrainingState(0, 0, weights, null), 1, 0, null, progress, convergence);
        } catch (ConvergenceCheck.Converged done) {
            LOG.info("Training {}", done.getMessage());
        }
        return convergence.epochs();
    }

    private static void log(EpochReport r) {
        LOG.info(String.format("epoch %d/%d: loss %.4f, train accuracy %.4f, %.0f samples/s", r.epoch(), r.epochs(),
                r.loss(), r.trainAccuracy(), r.samplesPerSecond()));
    }

    static double[] initialWeights(NeuralNetParams params, NetworkSpec network) {
        if (!params.isDefined(params.initialWeights())) {
            return network.initialParams(Initializer.parse(params.getInitializer()), params.getSeed());
        }
        Vector given = params.getInitialWeights();
        if (given.size() != network.paramCount()) {
            throw new IllegalArgumentException("initialWeights holds " + given.size() + " values but the network ("
                    + network + ") has " + network.paramCount() + " parameters");
        }
        return given.toArray().clone();
    }

    static TrainingConfig trainingConfig(NeuralNetParams params, Solver solver) {
        OptimizerSpec optimizer = solver == Solver.ADAM
                ? OptimizerSpec.adam(0.9, 0.999, 1e-8, params.getWeightDecay())
                : OptimizerSpec.sgd(params.getMomentum(), params.getNesterov(), params.getWeightDecay());
        return new TrainingConfig(params.getBatchSize(), Math.max(1, params.getMaxIter()), params.getSeed(),
                Initializer.parse(params.getInitializer()), optimizer,
                LearningRateSchedule.constant(params.getStepSize()), Sync.GRADIENT, 1);
    }
}
