package io.dpnet.train;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.nn.optim.OptimizerSpec;
import java.util.List;

/** The local engine under model averaging: the shards' rounds in parallel threads of this JVM, as on Spark. */
public final class LocalAveraging implements AveragingSource {
    private final List<ShardAveraging> shards;
    private final StepSums total;

    public LocalAveraging(DataBlock data, NetworkSpec spec, Precision precision, BatchPlan plan, int parts) {
        this.shards = LocalGradients.shards(data, spec, precision, plan, parts).stream().map(ShardAveraging::new)
                .toList();
        this.total = new StepSums(spec.paramCount());
    }

    @Override
    public StepSums averagingRound(double[] params, OptimizerSpec optimizer, int epoch, int firstStep,
                                   double[] rates) {
        return total.setToSum(shards.parallelStream()
                .map(s -> s.round(params, optimizer, epoch, firstStep, rates)).toList());
    }
}
