package io.dpnet.spark;

import io.dpnet.nn.Precision;
import io.dpnet.train.GradientSource;
import io.dpnet.train.ShardGradient;
import io.dpnet.train.StepSums;
import java.io.IOException;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gradients from the cached shards, in one of two ways ({@link StepExchange}): a barrier stage per epoch whose tasks
 * add their sums up around a ring at every step ({@link BarrierSession}), for any number of partitions that the
 * cluster can run at once; or one Spark job per step that broadcasts the weights, lets every partition sum gradient and
 * loss over its share of the global mini-batch, collects the partitions' sums and adds them up on the driver in the
 * ring's order, and releases the broadcast.
 */
final class SparkGradientSource implements GradientSource {
    private static final Logger LOG = LoggerFactory.getLogger(SparkGradientSource.class);
    private final JavaSparkContext sc;
    private final ShardedData<ShardGradient> data;
    private final int paramCount;
    private final Precision precision;
    private final StepSums jobTotal;
    private final StepExchange exchange;
    private final int port;
    private StepExchange lastChoice;
    /** The running epoch's barrier stage, while there is one. */
    private BarrierSession session;

    SparkGradientSource(JavaSparkContext sc, ShardedData<ShardGradient> data, int paramCount, Precision precision,
                        RunOptions options) {
        this.sc = sc;
        this.data = data;
        this.paramCount = paramCount;
        this.precision = precision;
        this.jobTotal = new StepSums(paramCount);
        this.exchange = options.exchange();
        this.port = options.exchangePort();
    }

    @Override
    public EpochScope beginEpoch(int epoch) {
        if (session != null) {
            throw new IllegalStateException("an epoch's barrier stage is still open: one epoch at a time");
        }
        if (choose() != StepExchange.BARRIER) {
            return () -> { };
        }
        sc.setJobDescription("dpnet: epoch " + (epoch + 1) + ", all steps in one barrier stage");
        try {
            session = BarrierSession.start(sc, data, epoch, paramCount, precision, port);
        } catch (IOException | RuntimeException e) {
            if (exchange == StepExchange.BARRIER) {
                throw new IllegalStateException("the barrier exchange could not start: " + e.getMessage(), e);
            }
            LOG.warn("The barrier exchange could not start ({}); this epoch goes on with one Spark job per step",
                    e.getMessage());
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

    private StepExchange choose() {
        StepExchange choice = exchange;
        int partitions = data.partitions();
        int slots = taskSlots();
        if (choice == StepExchange.AUTO) {
            boolean fits = partitions <= slots
                    && !sc.getConf().getBoolean("spark.dynamicAllocation.enabled", false);
            choice = fits ? StepExchange.BARRIER : StepExchange.JOBS;
        } else if (choice == StepExchange.BARRIER && partitions > slots) {
            // Spark would wait for the slots (up to 40 checks 15 s apart) before giving up: say so at once. (The count
            // is of the live executors' slots, busy or not: a barrier stage waits for busy ones to free up.)
            throw new IllegalArgumentException("the barrier exchange needs a free task slot for every partition: "
                    + partitions + " partitions, " + slots + " slots (use fewer partitions or --exchange auto)");
        }
        if (choice != lastChoice) {
            LOG.info("Gradients exchanged {} ({} partitions, {} task slots)",
                    choice == StepExchange.BARRIER ? "around a ring of the tasks of one barrier stage per epoch"
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
        int length = paramCount;
        Precision numbers = precision;
        List<StepSums> parts = BroadcastWeights.during(sc, params, weights -> data.shards().mapPartitions(shards ->
                List.of(RingOrder.partitionTotal(shards, weights.value(), epoch, step, numbers, new StepSums(length)))
                        .iterator()).collect());
        // The partitions' sums added as the barrier stage's ring adds them: the same model either way.
        return RingOrder.sum(parts, precision, jobTotal);
    }
}
