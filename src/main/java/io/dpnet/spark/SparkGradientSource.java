package io.dpnet.spark;

import io.dpnet.nn.Precision;
import io.dpnet.nn.optim.OptimizerSpec;
import io.dpnet.train.GradientSource;
import io.dpnet.train.GradientUpdate;
import io.dpnet.train.ShardGradient;
import io.dpnet.train.StepSums;
import io.dpnet.train.TrainingConfig;
import java.io.IOException;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gradients from the cached shards, in one of two ways ({@link StepExchange}): a barrier stage per epoch whose tasks
 * add their sums up around a ring and update the parameters themselves at every step ({@link BarrierSession}), for
 * any number of partitions that the cluster can run at once; or one Spark job per step that broadcasts the weights,
 * lets every partition sum gradient and loss over its share of the global mini-batch, collects the partitions' sums and
 * adds them up on the driver in the ring's order, and releases the broadcast; the driver then applies the update.
 * Both give the same model to the bit, so an epoch whose barrier stage loses a task replays its steps since the last
 * sync by jobs and goes on.
 */
final class SparkGradientSource implements GradientSource {
    private static final Logger LOG = LoggerFactory.getLogger(SparkGradientSource.class);
    private final JavaSparkContext sc;
    private final ShardedData<ShardGradient> data;
    private final int paramCount;
    private final Precision precision;
    private final OptimizerSpec optimizer;
    private final StepSums jobTotal;
    private final StepExchange exchange;
    private final int port;
    private StepExchange lastChoice;
    private String lastSecurity;

    SparkGradientSource(JavaSparkContext sc, ShardedData<ShardGradient> data, int paramCount, TrainingConfig config,
                        RunOptions options) {
        this.sc = sc;
        this.data = data;
        this.paramCount = paramCount;
        this.precision = config.precision();
        this.optimizer = config.optimizer();
        this.jobTotal = new StepSums(paramCount);
        this.exchange = options.exchange();
        this.port = options.exchangePort();
    }

    @Override
    public EpochSteps beginEpoch(int epoch, double[] params, GradientUpdate update) {
        EpochSteps byJobs = GradientSource.super.beginEpoch(epoch, params, update);
        if (choose() != StepExchange.BARRIER) {
            return byJobs;
        }
        sc.setJobDescription("dpnet: epoch " + (epoch + 1) + ", all steps in one barrier stage");
        try {
            BarrierSession session = BarrierSession.start(sc, data, epoch, params, update, optimizer, precision, port);
            if (!session.security().equals(lastSecurity)) {
                lastSecurity = session.security();
                LOG.info("The barrier exchange's connections are {}", lastSecurity);
            }
            return new RingSteps(session, epoch, params, update, byJobs);
        } catch (IOException | RuntimeException e) {
            if (exchange == StepExchange.BARRIER) {
                throw new IllegalStateException("the barrier exchange could not start: " + e.getMessage(), e);
            }
            LOG.warn("The barrier exchange could not start ({}); this epoch goes on with one Spark job per step",
                    e.getMessage());
            return byJobs;
        }
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
        sc.setJobDescription("dpnet: epoch " + (epoch + 1) + ", step " + (step + 1));
        int length = paramCount;
        Precision numbers = precision;
        List<StepSums> parts = BroadcastWeights.during(sc, params, weights -> data.shards().mapPartitions(shards ->
                List.of(RingOrder.partitionTotal(shards, weights.value(), epoch, step, numbers, new StepSums(length)))
                        .iterator()).collect());
        // The partitions' sums added as the barrier stage's ring adds them: the same model either way.
        return RingOrder.sum(parts, precision, jobTotal);
    }

    /**
     * An epoch's steps on a barrier stage. The driver's parameters and optimizer state stand at the last sync (the
     * epoch's start, a checkpoint): when a task is lost, the steps since then are run again by jobs, which give the
     * same bits, and the epoch goes on by jobs. The driver checks each step's total loss before any task updates; a
     * gradient that is not finite under a finite loss fails the task that finds it, and the jobs that run the steps
     * again stop at it with the same {@link io.dpnet.train.DivergenceException}.
     */
    private final class RingSteps implements EpochSteps {
        private final int epoch;
        private final double[] params;
        private final GradientUpdate update;
        private final EpochSteps byJobs;
        private BarrierSession session;
        /** The first step that the driver's parameters do not include yet. */
        private int syncedStep;
        /** The global step of the epoch's step 0, once a step has named it. */
        private long globalOfFirst = -1;
        private int nextStep = -1;

        RingSteps(BarrierSession session, int epoch, double[] params, GradientUpdate update, EpochSteps byJobs) {
            this.session = session;
            this.epoch = epoch;
            this.params = params;
            this.update = update;
            this.byJobs = byJobs;
        }

        @Override
        public StepSums step(int step, long globalStep) {
            if (globalOfFirst < 0) {
                syncedStep = step;
                globalOfFirst = globalStep - step;
            }
            if (session != null) {
                try {
                    StepSums sums = session.step(step, globalStep, update);
                    nextStep = step + 1;
                    return sums;
                } catch (IOException e) {
                    lost(e, step);
                }
            }
            return byJobs.step(step, globalStep);
        }

        @Override
        public void sync() {
            if (session == null || nextStep < 0) {
                return;
            }
            try {
                session.sync(params, update);
                syncedStep = nextStep;
            } catch (IOException e) {
                lost(e, nextStep);
            }
        }

        /** Gives the stage up and brings the driver's parameters to step {@code step} by jobs. */
        private void lost(IOException e, int step) {
            LOG.warn("Lost a training task at step {} of epoch {} ({}); steps {} to {} run again and the epoch goes "
                    + "on by one Spark job per step", step + 1, epoch + 1, e.getMessage(), syncedStep + 1, step);
            session.abandon();
            session = null;
            for (int s = syncedStep; s < step; s++) {
                byJobs.step(s, globalOfFirst + s);
            }
        }

        @Override
        public void close() {
            try {
                if (session != null && !session.midStep()) {
                    sync();
                }
            } finally {
                if (session != null) {
                    session.close();
                }
            }
        }
    }
}
