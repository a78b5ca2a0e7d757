package io.dpnet.ml;

import static org.apache.spark.sql.functions.col;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.init.Initializer;
import io.dpnet.nn.optim.LearningRateSchedule;
import io.dpnet.nn.optim.OptimizerSpec;
import io.dpnet.spark.SparkTraining;
import io.dpnet.train.EpochReport;
import io.dpnet.train.Evaluation;
import io.dpnet.train.Sync;
import io.dpnet.train.TrainingConfig;
import io.dpnet.train.TrainingListener;
import io.dpnet.train.TrainingShard;
import io.dpnet.train.TrainingState;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link NeuralNetClassifier#train} does: choose the network, check and pack the DataFrame on the executors,
 * then train on dpnet's synchronous data-parallel machinery, by mini-batches or, for MLlib's solvers, full batches.
 */
final class NeuralNetFitting {
    private static final Logger LOG = LoggerFactory.getLogger(NeuralNetClassifier.class);
    private static final String JOB_DESCRIPTION = "spark.job.description";

    /**
     * A trained network and its objective history, as MLlib's training summary has it: the mean loss over all rows
     * at the initial weights, then after each iteration: for MLlib's full-batch solvers the objective (with the
     * {@code weightDecay} term) at each iterate, for the mini-batch solvers each epoch's mean loss (taken while the
     * weights moved). So it holds one more entry than the iterations run, at most {@code maxIter + 1}: fewer when
     * training converged first, one when {@code maxIter} is 0.
     */
    record Fitted(NetworkSpec network, double[] weights, List<Double> objectiveHistory) {
    }

    private NeuralNetFitting() {
    }

    static Fitted fit(NeuralNetClassifier estimator, Dataset<?> dataset) {
        Solver solver = Solver.of(estimator.getSolver());
        NetworkSpec network = NetworkChoice.of(estimator);
        double[] weights = initialWeights(estimator, network);
        // Made (and so checked) before any Spark job; the full-batch solvers have no use for it.
        TrainingConfig config = solver.fullBatch() ? null : trainingConfig(estimator, solver);
        RowCheck check = new RowCheck(network.inputSize(), network.numClasses(), estimator.getFeaturesCol(),
                estimator.getLabelCol());
        Dataset<Row> rows = dataset.select(col(estimator.getFeaturesCol()), col(estimator.getLabelCol()));
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        int partitions = estimator.getPartitions() > 0 ? estimator.getPartitions() : sc.defaultParallelism();
        // The trainer names its jobs after epochs and steps; the caller's own description comes back afterwards.
        String description = sc.getLocalProperty(JOB_DESCRIPTION);
        try (DataFrameBlocks data = DataFrameBlocks.pack(rows, check, partitions)) {
            if (estimator.getMaxIter() == 0) {
                double objective = meanLoss(sc, network, data.blocks(), weights)
                        + (solver.fullBatch() ? FullBatchObjective.decayTerm(estimator.getWeightDecay(), weights) : 0);
                return new Fitted(network, weights, List.of(objective));
            }
            List<Double> history = solver.fullBatch()
                    ? trainFullBatch(sc, estimator, solver, network, data, weights)
                    : trainMiniBatch(sc, estimator, network, config, data, weights);
            return new Fitted(network, weights, history);
        } finally {
            sc.setLocalProperty(JOB_DESCRIPTION, description);
        }
    }

    /** Trains {@code weights} in place with sgd or adam, {@code maxIter} epochs or until {@code tol} is met. */
    private static List<Double> trainMiniBatch(JavaSparkContext sc, NeuralNetParams params, NetworkSpec network,
                                               TrainingConfig config, DataFrameBlocks data, double[] weights) {
        // Before the trainer caches its shards of the blocks, which then reuses the shuffle that this job ran.
        double initialLoss = meanLoss(sc, network, data.blocks(), weights);
        try (SparkTraining training = SparkTraining.onPartitionedBlocks(sc, network, config, data.blocks(),
                data.count())) {
            data.close(); // the trainer has cached its own shards of the packed rows
            LOG.info("Training {} on {} rows in {} partitions: {}", network, data.count(), training.partitions(),
                    config);
            List<Double> losses = new ArrayList<>(List.of(initialLoss));
            TrainingListener progress = report -> {
                losses.add(report.loss());
                log(report);
            };
            training.fit(new TrainingState(0, 0, weights, null), 1, 0, null, progress,
                    new ConvergenceCheck(params.getTol()));
            if (losses.size() <= config.epochs()) {
                LOG.info("Training converged after epoch {}", losses.size() - 1);
            }
            return losses;
        }
    }

    /** Trains {@code weights} in place with MLlib's l-bfgs or gd, every iteration over all rows. */
    private static List<Double> trainFullBatch(JavaSparkContext sc, NeuralNetParams params, Solver solver,
                                               NetworkSpec network, DataFrameBlocks data, double[] weights) {
        try (FullBatchObjective objective = FullBatchObjective.over(sc, network, data.blocks(), data.count(),
                params.getSeed(), params.getWeightDecay())) {
            data.close(); // the objective has cached its own shards of the packed rows
            LOG.info("Training {} on {} rows in {} partitions by {}, at most {} iterations", network, data.count(),
                    objective.partitions(), solver.paramValue, params.getMaxIter());
            List<Double> history = solver == Solver.LBFGS
                    ? FullBatchSolvers.lbfgs(objective, weights, params.getMaxIter(), params.getTol())
                    : FullBatchSolvers.gradientDescent(objective, weights, params.getMaxIter(), params.getStepSize(),
                            params.getTol());
            LOG.info("{}: {} iterations, loss {} -> {}", solver.paramValue, history.size() - 1, history.get(0),
                    history.get(history.size() - 1));
            return history;
        }
    }

    /** The mean loss of {@code weights} over the rows of {@code blocks}, computed where the blocks are. */
    static double meanLoss(JavaSparkContext sc, NetworkSpec network, JavaRDD<DataBlock> blocks, double[] weights) {
        sc.setJobDescription("dpnet: loss at the initial weights");
        Broadcast<double[]> w = sc.broadcast(weights);
        try {
            return blocks.map(block -> new TrainingShard(block, network, null).evaluate(w.value()))
                    .reduce(Evaluation::add).loss();
        } finally {
            w.destroy();
        }
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

    /** The mini-batch trainer's settings from the params. */
    static TrainingConfig trainingConfig(NeuralNetParams params, Solver solver) {
        OptimizerSpec optimizer = solver == Solver.ADAM
                ? OptimizerSpec.adam(0.9, 0.999, 1e-8, params.getWeightDecay())
                : OptimizerSpec.sgd(params.getMomentum(), params.getNesterov(), params.getWeightDecay());
        return new TrainingConfig(params.getBatchSize(), Math.max(1, params.getMaxIter()), params.getSeed(),
                Initializer.parse(params.getInitializer()), optimizer,
                LearningRateSchedule.constant(params.getStepSize()), Sync.GRADIENT, 1);
    }
}
