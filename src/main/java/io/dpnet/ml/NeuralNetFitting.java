package io.dpnet.ml;

import io.dpnet.nn.Blas;
import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.nn.init.Initializer;
import io.dpnet.nn.optim.AdamSpec;
import io.dpnet.nn.optim.OptimizerSpec;
import io.dpnet.nn.optim.SgdSpec;
import io.dpnet.spark.DataFrames;
import io.dpnet.spark.RunOptions;
import io.dpnet.spark.SparkTraining;
import io.dpnet.spark.StepExchange;
import io.dpnet.spark.TestSet;
import io.dpnet.spark.TrainingData;
import io.dpnet.train.Checkpoints;
import io.dpnet.train.EpochReport;
import io.dpnet.train.Scaling;
import io.dpnet.train.TrainingConfig;
import io.dpnet.train.TrainingListener;
import io.dpnet.train.TrainingState;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link NeuralNetClassifier#train} does: choose the network and the trainer's settings from the params, then
 * train on the DataFrame through {@link SparkTraining}, by mini-batches or, for MLlib's solvers, full batches.
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
    record Fitted(Model model, List<Double> objectiveHistory) {
    }

    private NeuralNetFitting() {
    }

    static Fitted fit(NeuralNetClassifier estimator, Dataset<?> dataset) {
        Solver solver = Solver.of(estimator.getSolver());
        NetworkSpec given = NetworkChoice.of(estimator);
        // Made (and so checked) before any Spark job.
        TrainingConfig config = trainingConfig(estimator, solver);
        double[] weights = config.precision().round(initialWeights(estimator, given));
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        RunOptions options = RunOptions.defaults(sc);
        if (estimator.getPartitions() > 0) {
            options = options.withPartitions(estimator.getPartitions());
        }
        if (estimator.isDefined(estimator.exchange())) {
            options = options.withExchange(StepExchange.parse(estimator.getExchange()));
        }
        if (estimator.isDefined(estimator.storageLevel())) {
            options = options.withStorageLevel(RunOptions.parseStorageLevel(estimator.getStorageLevel()));
        }
        LOG.info("BLAS on the driver: {}", Blas.description());
        Dataset<Row> all = dataset.toDF();
        String indicator = estimator.isDefined(estimator.validationIndicatorCol())
                ? estimator.getValidationIndicatorCol() : null;
        if (indicator != null && solver.fullBatch()) {
            throw new IllegalArgumentException("validationIndicatorCol needs the sgd or adam solver, not "
                    + solver.paramValue);
        }
        Dataset<Row> trainRows = indicator == null ? all : ValidationRows.training(all, indicator);
        TrainingData rows = TrainingData.frame(trainRows, estimator.getFeaturesCol(), estimator.getLabelCol());
        // The trainer names its jobs after epochs and steps; the caller's own description comes back afterwards.
        String description = sc.getLocalProperty(JOB_DESCRIPTION);
        try (SparkTraining training = SparkTraining.open(sc, given, config, rows, null, options)) {
            NetworkSpec network = training.network();
            training.summary().lines().forEach(LOG::info);
            training.summary().warnings().forEach(LOG::warn);
            if (indicator != null) {
                training.validation(new TestSet(DataFrames.collect(ValidationRows.validation(all, indicator),
                        estimator.getFeaturesCol(), estimator.getLabelCol(), given), "validation rows"),
                        estimator.getEarlyStopPatience());
            }
            LOG.info("Training {} on {} rows in {} partitions by {}, at most {} {}", network, training.samples(),
                    training.partitions(), solver.paramValue, estimator.getMaxIter(),
                    solver.fullBatch() ? "iterations" : "epochs: " + config);
            if (estimator.getMaxIter() == 0) {
                double objective = training.trainingLoss(weights)
                        + (solver.fullBatch() ? FullBatchObjective.decayTerm(estimator.getWeightDecay(), weights) : 0);
                return new Fitted(new Model(network, weights, config.precision()), List.of(objective));
            }
            List<Double> history = solver.fullBatch()
                    ? trainFullBatch(estimator, solver, training, weights)
                    : trainMiniBatch(estimator, config, training, weights);
            // Breeze's and MLlib's solvers move the weights in double: the model holds them in its precision.
            return new Fitted(new Model(network, config.precision().round(weights), config.precision()), history);
        } finally {
            sc.setLocalProperty(JOB_DESCRIPTION, description);
        }
    }

    /** Trains {@code weights} in place with sgd or adam, {@code maxIter} epochs or until {@code tol} is met. */
    private static List<Double> trainMiniBatch(NeuralNetParams params, TrainingConfig config, SparkTraining training,
                                               double[] weights) {
        List<Double> losses = new ArrayList<>(List.of(training.trainingLoss(weights)));
        TrainingListener progress = report -> {
            losses.add(report.loss());
            log(report);
        };
        SparkTraining.Result result = training.fit(TrainingState.start(weights), Checkpoints.none(), progress,
                new ConvergenceCheck(params.getTol()));
        if (result.bestEpoch() > 0) {
            LOG.info("Early stopping: the model holds epoch {}'s weights (validation loss {})", result.bestEpoch(),
                    result.modelEpoch().validationLoss());
        } else if (losses.size() <= config.epochs()) {
            LOG.info("Training converged after epoch {}", losses.size() - 1);
        }
        return losses;
    }

    /** Trains {@code weights} in place with MLlib's l-bfgs or gd, every iteration over all rows. */
    private static List<Double> trainFullBatch(NeuralNetParams params, Solver solver, SparkTraining training,
                                               double[] weights) {
        FullBatchObjective objective = new FullBatchObjective(training, params.getWeightDecay());
        List<Double> history = solver == Solver.LBFGS
                ? FullBatchSolvers.lbfgs(objective, weights, params.getMaxIter(), params.getTol())
                : FullBatchSolvers.gradientDescent(objective, weights, params.getMaxIter(), params.getStepSize(),
                        params.getTol());
        LOG.info("{}: {} iterations, loss {} -> {}", solver.paramValue, history.size() - 1, history.get(0),
                history.get(history.size() - 1));
        return history;
    }

    private static void log(EpochReport r) {
        String validation = Double.isNaN(r.validationLoss()) ? "" : String.format(", validation loss %.4f, "
                + "accuracy %.4f", r.validationLoss(), r.validationAccuracy());
        LOG.info(String.format("epoch %d/%d: loss %.4f, train accuracy %.4f%s, %.0f samples/s", r.epoch(), r.epochs(),
                r.loss(), r.trainAccuracy(), validation, r.samplesPerSecond()));
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

    /**
     * The trainer's settings from the params: for sgd and adam, mini-batches of {@code batchSize} at a constant rate of
     * {@code stepSize}, {@code maxIter} epochs; for MLlib's full-batch solvers, one batch of every row. In the
     * {@code precision} param's number type, float64 unless set, as MultilayerPerceptronClassifier computes.
     */
    static TrainingConfig trainingConfig(NeuralNetParams params, Solver solver) {
        TrainingConfig.Builder config = TrainingConfig.builder().seed(params.getSeed())
                .precision(Precision.parse(params.getPrecision())).scaling(Scaling.parse(params.getScaling()));
        if (solver.fullBatch()) {
            return config.fullBatch().build();
        }
        OptimizerSpec optimizer = solver == Solver.ADAM ? AdamSpec.withWeightDecay(params.getWeightDecay())
                : new SgdSpec(params.getMomentum(), params.getNesterov(), params.getWeightDecay());
        return config.batchSize(params.getBatchSize()).epochs(Math.max(1, params.getMaxIter()))
                .initializer(Initializer.parse(params.getInitializer())).optimizer(optimizer)
                .learningRate(params.getStepSize()).build();
    }
}
