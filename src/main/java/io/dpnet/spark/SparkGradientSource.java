package io.dpnet.spark;

import io.dpnet.nn.optim.OptimizerSpec;
import io.dpnet.train.GradientSource;
import io.dpnet.train.StepSums;
import java.io.IOException;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gradients from the cached shards, in one of two ways ({@link StepExchange}): a barrier stage per epoch whose tasks
 * trade weights for sums with the driver at every step ({@link BarrierSession}), or one Spark job per step that broadcasts the weights, lets every shard sum gradient and loss over its share of the global
 * mini-batch, adds the sums up on the driver, and releases the broadcast.
 */
public final class SparkGradientSource implements GradientSource {
    private static final Logger LOG = LoggerFactory.getLogger(SparkGradientSource.class);
    /**
     * Up to this many partitions the driver adds the partial sums itself, which is cheaper than a tree (about 8 ms a
     * step at 2 partitions) and reproducible to the bit; above it, {@code treeReduce} spares the driver. It is also
     * the most partitions that swap gradients in a barrier stage, where every task receives all of them.
     */
    static final int TREE_ABOVE = 8;
    /** Largest exchange (partitions x parameters x 8 bytes) that the driver sends and receives at a barrier step. */
    static final long BARRIER_BYTES = 256L << 20;

    private final JavaSparkContext sc;
    private final ShardedData data;
    private final StepExchange exchange;
    private StepExchange lastChoice;
    /** The running epoch's barrier stage, while there is one. */
    private BarrierSession session;
    private boolean barrierFailed;

    public SparkGradientSource(JavaSparkContext sc, ShardedData data) {
        this.sc = sc;
        this.data = data;
        this.exchange = StepExchange.parse(SparkDefaults.setting(sc, StepExchange.PROPERTY, "auto"));
    }

    @Override
    public EpochScope beginEpoch(int epoch) {
        int paramCount = data.spec().paramCount();
        if (choose(paramCount) != StepExchange.BARRIER) {
            return () -> { };
        }
        sc.setJobDescription("dpnet: epoch " + (epoch + 1) + ", all steps in one barrier stage");
        try {
            session = BarrierSession.start(sc, data, epoch, paramCount);
        } catch (IOException | RuntimeException e) {
            if (exchange == StepExchange.BARRIER) {
                throw new IllegalStateException("the barrier exchange could not start: " + e.getMessage(), e);
            }
            LOG.warn("The barrier exchange could not start ({}); going on with one Spark job per step",
                    e.getMessage());
            barrierFailed = true;
            return () -> { };
        }
        return () -> {
            // Gone already if a lost task made the epoch fall back to jobs.
            BarrierSession ending = session;
            session = null;
            if (ending != null) {
                ending.close();
            }
        };
    }

    private StepExchange choose(int paramCount) {
        StepExchange choice = exchange;
        int partitions = data.partitions();
        int slots = taskSlots();
        if (choice == StepExchange.AUTO) {
            boolean fits = !barrierFailed && partitions <= TREE_ABOVE && partitions <= slots
                    && (long) partitions * paramCount * Double.BYTES <= BARRIER_BYTES
                    && !sc.getConf().getBoolean("spark.dynamicAllocation.enabled", false);
            choice = fits ? StepExchange.BARRIER : StepExchange.JOBS;
        } else if (choice == StepExchange.BARRIER && partitions > slots) {
            // Spark would wait for the slots (up to 40 checks 15 s apart) before giving up: say so at once.
            throw new IllegalArgumentException("the barrier exchange needs a free task slot for every partition: "
                    + partitions + " partitions, " + slots + " slots (use fewer partitions or --exchange auto)");
        }
        if (choice != lastChoice) {
            LOG.info("Gradients exchanged {} ({} partitions, {} task slots free for them)",
                    choice == StepExchange.BARRIER ? "through the driver within one barrier stage per epoch"
                            : "by one Spark job per step",
                    partitions, slots);
            lastChoice = choice;
        }
        return choice;
    }

    /** Tasks the cluster can run at once now: the number Spark itself checks before it starts a barrier stage. */
    private int taskSlots() {
        SparkContext context = sc.sc();
        // Public in the bytecode though Scala-private to Spark: the one exact count, which counts live executors.
        return context.maxNumConcurrentTasks(context.resourceProfileManager().defaultResourceProfile());
    }

    @Override
    public StepSums stepGradient(double[] params, int epoch, int step) {
        if (session != null) {
            try {
                return session.step(params, step);
            } catch (IOException e) {
                // Spark does not rerun a failed barrier result stage; one job per step copes with lost executors.
                LOG.warn("Lost a training task at step {} of epoch {} ({}); the epoch goes on with one Spark job per "
                        + "step", step + 1, epoch + 1, e.getMessage());
                session.abandon();
                session = null;
            }
        }
        sc.setJobDescription("dpnet: epoch " + (epoch + 1) + ", step " + (step + 1));
        return data.withWeights(sc, params,
                weights -> addUp(data.shards().map(shard -> shard.stepGradient(weights.value(), epoch, step))));
    }

    @Override
    public StepSums averagingRound(double[] params, OptimizerSpec optimizer, int epoch, int firstStep,
                                   double[] rates) {
        sc.setJobDescription("dpnet: epoch " + (epoch + 1) + ", steps " + (firstStep + 1) + "-"
                + (firstStep + rates.length) + " (model averaging)");
        return data.withWeights(sc, params, weights -> addUp(data.shards().map(
                shard -> shard.averagingRound(weights.value(), optimizer, epoch, firstStep, rates))));
    }

    private StepSums addUp(JavaRDD<StepSums> sums) {
        if (data.partitions() > TREE_ABOVE) {
            return sums.treeReduce(StepSums::add);
        }
        // Collected in partition order and added in that order, into zeros as the barrier exchange does: bit-for-bit
        // the same sum on every run and through either exchange.
        StepSums total = null;
        for (StepSums part : sums.collect()) {
            if (total == null) {
                total = new StepSums(part.vector.length);
            }
            total.add(part);
        }
        return total;
    }
}
