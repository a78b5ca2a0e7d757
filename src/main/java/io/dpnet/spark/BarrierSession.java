package io.dpnet.spark;

import io.dpnet.nn.Precision;
import io.dpnet.nn.optim.OptimizerSpec;
import io.dpnet.nn.optim.StateChunks;
import io.dpnet.spark.secure.LinkSecurity;
import io.dpnet.spark.secure.SecureStreams;
import io.dpnet.train.GradientUpdate;
import io.dpnet.train.ShardGradient;
import io.dpnet.train.StepSums;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Function1;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;

/**
 * One epoch of gradient steps without a Spark job per step. A barrier stage (all tasks scheduled together, retried
 * together) keeps one task per partition running for the whole epoch; each task connects back to this driver over
 * TCP ({@link BarrierWorker}), and the tasks form a ring, partition p sending to p + 1 ({@link RingLinks}). The
 * parameters are cut into one chunk per partition, and each task owns one: its values and its part of the optimizer
 * state, which the driver hands out at the start ({@link #start}) and takes back when it needs them ({@link #sync}).
 * At every step the driver names the step, every task computes its sums for the whole parameter vector and sends the
 * driver its loss and counts, the ring reduce-scatters the sums ({@link RingOrder}), the driver checks the total loss
 * and tells every task the sample count and the scheduled rate, each task updates the chunk it owns, and the ring
 * all-gathers the new parameters. So the driver still decides every step, but no vector goes through it: each task's
 * link carries about twice the vector per step whatever the number of partitions, the driver's a few bytes per task.
 * The update is the one the driver would apply (the optimizers are element-wise), to the bit: the same model as one
 * job per step. (Spark's own {@code BarrierTaskContext.allGather} polls once a second, far too slow for a step.)
 *
 * <p>Connections prove themselves, and are encrypted when Spark encrypts its own traffic, through {@link LinkSecurity}:
 * keyed by the application's secret when {@code spark.authenticate} is on, else by a random token that travels in the
 * task closure; neither crosses the exchange's links. Spark does not rerun a failed barrier result stage, so when a
 * task is lost the caller abandons the session and goes on by another way ({@link SparkGradientSource} replays the
 * steps since the last sync with a job per step).
 */
final class BarrierSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BarrierSession.class);
    /** What a task's link to the driver proves itself under. */
    static final String LINK_LABEL = "driver";
    private static final int TOKEN_BYTES = 16;
    private static final int ACCEPT_POLL_MS = 200;
    private static final int GREETING_TIMEOUT_MS = 10_000;
    private static final int CONNECT_DEADLINE_MS = 120_000;
    private static final int CLOSE_WAIT_S = 60;

    private final ServerSocket server;
    private final LinkSecurity security;
    private final JavaFutureAction<List<Integer>> job;
    private final int partitions;
    private final Wire wire;
    private final StepSums part;
    private final StepSums total;
    private final int paramCount;
    private final OptimizerSpec optimizer;
    private final int epoch;
    private final Socket[] sockets;
    /** Set while a step or a sync is under way, and left set if it did not finish: the tasks are then mid-step. */
    private volatile boolean stepping;
    /** Set once connect() has ended (guarded by the greetings' queue): a later greeting is closed, not kept. */
    private boolean greetingsClosed;
    private final String[] ringHosts;
    private final int[] ringPorts;
    private final DataInputStream[] ins;
    private final DataOutputStream[] outs;

    private BarrierSession(ServerSocket server, LinkSecurity security, JavaFutureAction<List<Integer>> job,
                           int partitions, int paramCount, Precision precision, OptimizerSpec optimizer, int epoch) {
        this.server = server;
        this.security = security;
        this.job = job;
        this.partitions = partitions;
        this.wire = new Wire(paramCount, precision);
        this.part = new StepSums(0);
        this.total = new StepSums(0);
        this.paramCount = paramCount;
        this.optimizer = optimizer;
        this.epoch = epoch;
        this.sockets = new Socket[partitions];
        this.ringHosts = new String[partitions];
        this.ringPorts = new int[partitions];
        this.ins = new DataInputStream[partitions];
        this.outs = new DataOutputStream[partitions];
    }

    /**
     * Starts the epoch's barrier stage, waits until all its tasks have connected to this driver on {@code port} (0:
     * any free port), and hands each task its chunk of {@code params} and of {@code update}'s optimizer state.
     */
    static BarrierSession start(JavaSparkContext sc, ShardedData<ShardGradient> data, int epoch, double[] params,
                                GradientUpdate update, OptimizerSpec optimizer, Precision precision, int port)
            throws IOException {
        SparkConf conf = sc.getConf();
        String host = conf.get("spark.driver.host");
        String bind = conf.get("spark.driver.bindAddress", host);
        int paramCount = params.length;
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true); // a fixed port that the last epoch's stage left in TIME_WAIT binds
            server.bind(new InetSocketAddress(InetAddress.getByName(bind), port));
            byte[] token = new byte[TOKEN_BYTES];
            new SecureRandom().nextBytes(token);
            LinkSecurity security = LinkSecurity.fromSpark(conf, token);
            int listening = server.getLocalPort();
            Function1<Iterator<ShardGradient>, Iterator<Integer>> task =
                    (Function1<Iterator<ShardGradient>, Iterator<Integer>> & java.io.Serializable)
                            shards -> CollectionConverters.asScala(
                                    BarrierWorker.run(shards, host, listening, port, token, epoch,
                                            paramCount, optimizer, precision));
            JavaFutureAction<List<Integer>> job = data.shards().rdd().barrier()
                    .mapPartitions(task, false, ClassTag$.MODULE$.apply(Integer.class)).toJavaRDD().collectAsync();
            BarrierSession session = new BarrierSession(server, security, job, data.partitions(), paramCount,
                    precision, optimizer, epoch);
            try {
                session.watch(); // from now on, a failed stage drops the connections: no write waits on a dead task
                session.connect();
                session.introduce();
                session.load(params, update.optimizerState());
            } catch (IOException | RuntimeException e) {
                session.abandon();
                throw e;
            }
            return session;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Runs step {@code step} of the epoch, global step {@code globalStep}, and returns its loss and counts (no
     * vector); reused by the next call. Throws a {@link io.dpnet.train.DivergenceException} for a loss that is not
     * finite, before any task updates. An IOException means a task is gone: the session is then good only for
     * {@link #abandon}.
     */
    StepSums step(int step, long globalStep, GradientUpdate update) throws IOException {
        stepping = true;
        for (DataOutputStream out : outs) {
            out.writeInt(step);
            out.flush();
        }
        total.clear();
        for (DataInputStream in : ins) {
            Wire.readScalars(in, part);
            total.addScalars(part);
        }
        if (total.count > 0) {
            GradientUpdate.checkLoss(total.loss, globalStep, epoch + 1);
        }
        double rate = update.rate(globalStep);
        for (DataOutputStream out : outs) {
            out.writeLong(total.count);
            out.writeDouble(rate);
            out.writeLong(globalStep);
            out.flush();
        }
        stepping = false;
        return total;
    }

    /** Hands each task the chunk it owns: partition k the one it holds after a reduce-scatter, k + 1. */
    private void load(double[] params, double[][] state) throws IOException {
        for (int k = 0; k < partitions; k++) {
            int from = chunkStart(owned(k));
            int to = chunkStart(owned(k) + 1);
            wire.writeRange(outs[k], params, from, to);
            wire.writeArrays(outs[k], StateChunks.cut(optimizer, state, from, to));
            outs[k].flush();
        }
    }

    /** Takes every task's chunk of the parameters and of the optimizer state back into {@code params} and update. */
    void sync(double[] params, GradientUpdate update) throws IOException {
        stepping = true;
        for (DataOutputStream out : outs) {
            out.writeInt(BarrierWorker.SYNC);
            out.flush();
        }
        // Into copies first: a task lost halfway must leave the caller's parameters and state as they were.
        double[] synced = params.clone();
        double[][] state = update.optimizerState();
        for (int k = 0; k < partitions; k++) {
            int from = chunkStart(owned(k));
            int to = chunkStart(owned(k) + 1);
            wire.readRange(ins[k], synced, from, to);
            StateChunks.paste(optimizer, readState(ins[k], state, to - from), from, state);
        }
        System.arraycopy(synced, 0, params, 0, params.length);
        update.restore(state);
        stepping = false;
    }

    /** How the session's connections prove themselves, for the log. */
    String security() {
        return security.describe();
    }

    /** Whether a step or sync began and did not finish (it threw): the tasks are then mid-step. */
    boolean midStep() {
        return stepping;
    }

    private int owned(int partition) {
        return (partition + 1) % partitions;
    }

    /** A task's chunk of the optimizer state, checked against the full state's shape. */
    private double[][] readState(DataInputStream in, double[][] full, int chunkLength) throws IOException {
        double[][] state = wire.readArrays(in, full.length);
        boolean[] perParameter = StateChunks.perParameter(optimizer);
        for (int i = 0; i < state.length; i++) {
            int expected = perParameter[i] ? chunkLength : full[i].length;
            if (state[i].length != expected) {
                throw new IOException("a task sent an optimizer state array of " + state[i].length + " values where "
                        + expected + " belong");
            }
        }
        return state;
    }

    private int chunkStart(int chunk) {
        return RingOrder.chunkStart(chunk, partitions, paramCount);
    }

    /** Tells every task the ring's size and its right-hand neighbour's address. */
    private void introduce() throws IOException {
        for (int k = 0; k < partitions; k++) {
            int right = (k + 1) % partitions;
            outs[k].writeInt(partitions);
            outs[k].writeUTF(ringHosts[right]);
            outs[k].writeInt(ringPorts[right]);
            outs[k].flush();
        }
    }

    /**
     * Waits until every partition's task has connected, as long as the stage runs and at most
     * {@value #CONNECT_DEADLINE_MS} ms in all. Connections are accepted on a thread of their own and each greeted on
     * another, so that one that sends nothing, or garbage, delays no other; only one that proves itself gets in.
     */
    private void connect() {
        BlockingQueue<Greeting> greeted = new LinkedBlockingQueue<>();
        ExecutorService greeters = Executors.newCachedThreadPool(daemon("dpnet exchange greeter"));
        Thread acceptor = daemon("dpnet exchange acceptor").newThread(() -> acceptAll(greeters, greeted));
        acceptor.start();
        long deadline = System.nanoTime() + CONNECT_DEADLINE_MS * 1_000_000L;
        try {
            int connected = 0;
            while (connected < partitions) {
                Greeting g = greeted.poll(ACCEPT_POLL_MS, TimeUnit.MILLISECONDS);
                if (g == null) {
                    checkJobRunning();
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException((partitions - connected) + " of " + partitions
                                + " tasks did not connect within " + CONNECT_DEADLINE_MS / 1000 + " s");
                    }
                } else if (g.partition < 0 || g.partition >= partitions || sockets[g.partition] != null) {
                    LOG.warn("Refused a second connection for partition {}", g.partition);
                    closeQuietly(g.socket);
                } else {
                    sockets[g.partition] = g.socket;
                    ringHosts[g.partition] = g.ringHost;
                    ringPorts[g.partition] = g.ringPort;
                    ins[g.partition] = g.in;
                    outs[g.partition] = g.out;
                    connected++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the tasks connected", e);
        } finally {
            closeQuietly(server); // every task is in (or the session is given up): the acceptor ends
            greeters.shutdownNow();
            synchronized (greeted) {
                greetingsClosed = true;
                for (Greeting late = greeted.poll(); late != null; late = greeted.poll()) {
                    closeQuietly(late.socket); // unclaimed: a duplicate, or after the last task was in
                }
            }
        }
    }

    private void acceptAll(ExecutorService greeters, BlockingQueue<Greeting> greeted) {
        while (!server.isClosed()) {
            Socket socket = null;
            try {
                socket = server.accept();
                Socket accepted = socket;
                greeters.execute(() -> greet(accepted, greeted));
            } catch (IOException | RuntimeException e) {
                closeQuietly(socket);
                return; // closed, or no more greeters: the session is connected or given up
            }
        }
    }

    /**
     * Lets a connection prove itself ({@link LinkSecurity}), then reads its partition and ring port, all within
     * {@value #GREETING_TIMEOUT_MS} ms.
     */
    private void greet(Socket socket, BlockingQueue<Greeting> greeted) {
        try {
            socket.setSoTimeout(GREETING_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            SecureStreams streams;
            try {
                streams = security.server(socket, LINK_LABEL);
            } catch (IOException e) {
                LOG.warn("Refused a connection from {} to the barrier exchange: {}", socket.getRemoteSocketAddress(),
                        e.getMessage());
                closeQuietly(socket);
                return;
            }
            DataInputStream in = new DataInputStream(new BufferedInputStream(streams.in(), BarrierWorker.BUFFER));
            int partition = in.readInt();
            String ringHost = in.readUTF();
            int ringPort = in.readInt();
            socket.setSoTimeout(0);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(streams.out(),
                    BarrierWorker.BUFFER));
            synchronized (greeted) {
                if (greetingsClosed) {
                    closeQuietly(socket); // too late: connect() has ended and drained the queue
                } else {
                    greeted.add(new Greeting(socket, in, out, partition, ringHost, ringPort));
                }
            }
        } catch (IOException e) {
            LOG.debug("A connection from {} to the barrier exchange sent no greeting: {}",
                    socket.getRemoteSocketAddress(), e.toString());
            closeQuietly(socket);
        }
    }

    private record Greeting(Socket socket, DataInputStream in, DataOutputStream out, int partition, String ringHost,
                            int ringPort) {
    }

    /** Daemon threads named {@code name}: none of the exchange's threads may keep a JVM alive. */
    static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private void checkJobRunning() {
        if (!job.isDone()) {
            return;
        }
        try {
            job.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the barrier stage failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the barrier stage", e);
        }
        throw new IllegalStateException("the barrier stage ended before the driver released it");
    }

    /**
     * Drops the connections as soon as the stage fails (Spark aborts it when an executor is lost, even one whose host
     * vanished without closing a socket): a read of the driver's that waits on a dead task then fails at once, and
     * the epoch goes on by jobs.
     */
    private void watch() {
        daemon("dpnet exchange watchdog").newThread(() -> {
            try {
                job.get();
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                disconnect();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).start();
    }

    /**
     * Tells the tasks the epoch is over and waits for the stage to finish, at most {@value #CLOSE_WAIT_S} s. Called
     * after the epoch's last step and a {@link #sync}, so a failure now costs nothing of the training: it is logged,
     * not thrown.
     */
    @Override
    public void close() {
        if (stepping) {
            abandon(); // a step did not finish: the tasks are mid-step and would not read an end
            return;
        }
        try {
            for (DataOutputStream out : outs) {
                out.writeInt(BarrierWorker.END);
                out.flush();
            }
            job.get(CLOSE_WAIT_S, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.warn("Could not tell a task that the epoch is over ({}); its work was already done", e.getMessage());
            abandon();
        } catch (ExecutionException e) {
            // Every step's sums had arrived: a task lost now (its executor died) lost nothing of the epoch.
            LOG.warn("The barrier stage failed after its last step ({}); the epoch's work was already done",
                    e.getCause().getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("The barrier stage did not end within {} s of its last step; cancelled", CLOSE_WAIT_S);
            abandon();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
        } finally {
            disconnect();
        }
    }

    /**
     * Gives up on the stage: cancels it and drops the connections, which also frees tasks that still wait for a step
     * (a blocked socket read does not notice Spark's kill).
     */
    void abandon() {
        job.cancel(true);
        disconnect();
    }

    private void disconnect() {
        for (int k = 0; k < partitions; k++) {
            closeQuietly(sockets[k]);
            sockets[k] = null;
        }
        closeQuietly(server);
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // Nothing to save: the connection is being dropped.
        }
    }
}
