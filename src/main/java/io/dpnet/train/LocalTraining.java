package io.dpnet.train;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkSpec;


/** Trains in this JVM alone: the local engine behind small examples, tests and the benchmark's floor. */
public final class LocalTraining {
    private LocalTraining() {
    }

    /** Trains from the config's seeded initialization; {@code test} may be null. */
    public static Model fit(NetworkSpec spec, TrainingConfig config, DataBlock train, DataBlock test,
                            TrainingListener... listeners) {
        DataFit.check(train, spec, "training data");
        if (test != null) {
            DataFit.check(test, spec, "test data");
        }
        double[] params = spec.initialParams(config.initializer(), config.seed());
        BatchPlan plan = config.plan(train.size());
        Trainer trainer = new Trainer(spec, config);
        for (TrainingListener l : listeners) {
            trainer.listener(l);
        }
        LocalShards shards = new LocalShards(train, spec, plan, 1);
        LocalShards testShards = test == null ? null : new LocalShards(test, spec, null, 1);
        trainer.fit(params, shards, plan, testShards == null ? null : testShards::evaluate);
        return new Model(spec, params);
    }

    /** Loss and confusion of a model on a data set. */
    public static Evaluation evaluate(Model model, DataBlock data) {
        DataFit.check(data, model.spec(), "evaluation data");
        return new LocalShards(data, model.spec(), null, 1).evaluate(model.params());
    }

}
