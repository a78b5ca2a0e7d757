package io.dpnet.train;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import java.util.ArrayList;
import java.util.List;

/**
 * The local engine under gradient averaging: the same shards the Spark trainer uses, computed in parallel threads of
 * this JVM. It is the floor the distributed trainer is measured against and the reference that partitioned runs must
 * match.
 */
public final class LocalGradients implements GradientSource {
    private final List<ShardGradient> shards;
    private final StepSums total;

    public LocalGradients(DataBlock data, NetworkSpec spec, Precision precision, BatchPlan plan, int parts) {
        this.shards = shards(data, spec, precision, plan, parts);
        this.total = new StepSums(spec.paramCount());
    }

    /** {@code data} cut into {@code parts} contiguous shards, as Spark partitions it. */
    static List<ShardGradient> shards(DataBlock data, NetworkSpec spec, Precision precision, BatchPlan plan,
                                      int parts) {
        List<ShardGradient> shards = new ArrayList<>();
        for (DataBlock part : data.split(parts)) {
            shards.add(ShardGradient.of(part, spec, plan, precision));
        }
        return shards;
    }

    /** Computes the shards in parallel, one thread each, like Spark's tasks; adds them up in a fixed order. */
    @Override
    public StepSums stepGradient(double[] params, int epoch, int step) {
        return total.setToSum(shards.parallelStream().map(s -> s.sums(params, epoch, step)).toList());
    }
}
