package io.dpnet.train;

import io.dpnet.data.DataBlock;
import io.dpnet.data.FeatureStats;
import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;

/** Trains in this JVM alone: the local engine behind small examples, tests and the benchmark's floor. */
public final class LocalTraining {
    private LocalTraining() {
    }

    /**
     * Trains from the config's seeded initialization, with the config's input scaling fitted on {@code train} in front
     * of {@code given} (as Spark training does); {@code test} may be null.
     */
    public static Model fit(NetworkSpec given, TrainingConfig config, DataBlock train, DataBlock test,
                            TrainingListener... listeners) {
        DataFit.check(train, given, "training data");
        if (test != null) {
            DataFit.check(test, given, "test data");
        }
        NetworkSpec spec = config.scaling().method() == Scaling.Method.NONE ? given
                : DataSummary.of("training data", FeatureStats.of(train), given, config.scaling()).network(given);
        double[] params = spec.initialParams(config.initializer(), config.seed());
        BatchPlan plan = config.plan(train.size());
        Trainer trainer = new Trainer(spec, config);
        for (TrainingListener l : listeners) {
            trainer.listener(l);
        }
        Precision precision = config.precision();
        SyncSource source = config.sync() == Sync.AVERAGE ? new LocalAveraging(train, spec, precision, plan, 1)
                : new LocalGradients(train, spec, precision, plan, 1);
        ShardEvaluation testShard = test == null ? null : new ShardEvaluation(test, spec, precision);
        trainer.fit(TrainingState.start(params), source, plan, testShard == null ? null : testShard::evaluate);
        return new Model(spec, params, config.precision());
    }

    /** Loss and confusion of a model on a data set. */
    public static Evaluation evaluate(Model model, DataBlock data) {
        DataFit.check(data, model.spec(), "evaluation data");
        return new ShardEvaluation(data, model.spec(), model.precision()).evaluate(model.params());
    }
}
