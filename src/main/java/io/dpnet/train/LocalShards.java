package io.dpnet.train;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.optim.OptimizerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The local engine: the same shards the Spark trainer uses, computed in parallel threads of this JVM. It is the floor
 * the distributed trainer is measured against and the reference that partitioned runs must match.
 */
public final class LocalShards implements GradientSource {
    private final List<TrainingShard> shards = new ArrayList<>();
    private final StepSums total;

    public LocalShards(DataBlock data, NetworkSpec spec, BatchPlan plan, int parts) {
        for (DataBlock part : data.split(parts)) {
            shards.add(new TrainingShard(part, spec, plan));
        }
        this.total = new StepSums(spec.paramCount());
    }

    /** Computes the shards in parallel, one thread each, like Spark's tasks; adds them up in a fixed order. */
    @Override
    public StepSums stepGradient(double[] params, int epoch, int step) {
        return addUp(shards.parallelStream().map(s -> s.stepGradient(params, epoch, step)).toList());
    }

    @Override
    public StepSums averagingRound(double[] params, OptimizerSpec optimizer, int epoch, int firstStep,
                                   double[] rates) {
        return addUp(shards.parallelStream()
                .map(s -> s.averagingRound(params, optimizer, epoch, firstStep, rates)).toList());
    }

    private StepSums addUp(List<StepSums> parts) {
        total.clear();
        for (StepSums part : parts) {
            total.add(part);
        }
        return total;
    }

    /** Loss and confusion over all shards. */
    public Evaluation evaluate(double[] params) {
        Evaluation sum = null;
        for (TrainingShard shard : shards) {
            Evaluation e = shard.evaluate(params);
            sum = sum == null ? e : sum.add(e);
        }
        return sum;
    }
}
