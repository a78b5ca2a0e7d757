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
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkEnv;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The task end of a {@link BarrierSession}. It opens a port for its ring neighbour, connects to the driver and proves
 * it belongs to this training ({@link LinkSecurity}: with the application's secret, or the session's token, neither of
 * which crosses the network), learns its right-hand neighbour from the driver and joins the ring ({@link RingLinks}).
 * The driver hands it the chunk of the parameters it owns, with that chunk's optimizer state, and the ring all-gathers
 * the whole vector. Then for every step the driver names: it computes its shards' sums, sends the driver its loss and
 * counts, the ring reduce-scatters the sums ({@link RingOrder}) so that it holds the total of its own chunk, the driver
 * answers with the step's sample count and rate, it updates its chunk, and the ring all-gathers the new parameters.
 * When the driver asks, it sends its chunk and state back; until the driver says the epoch is over.
 */
final class BarrierWorker {
    static final int END = -1;
    static final int SYNC = -2;
    private static final int CONNECT_TIMEOUT_MS = 30_000;
    /** A safety net only: the driver answers within a step's time, and closes the socket when it gives up. */
    static final int READ_TIMEOUT_MS = 30 * 60_000;
    static final int BUFFER = 1 << 16;
    private static final int KILL_POLL_MS = 500;

    private BarrierWorker() {
    }

    /**
     * @param port the port the driver listens on
     * @param fixedPort the exchange port configured ({@code spark.dpnet.exchange.port}), 0 for any: when fixed,
     *     partition p listens for its ring neighbour on fixedPort + 1 + p, so that a firewall can let the whole
     *     exchange through a known range
     */
    static Iterator<Integer> run(scala.collection.Iterator<ShardGradient> partition, String host, int port,
                                 int fixedPort, byte[] token, int epoch, int paramCount, OptimizerSpec optimizer,
                                 Precision precision) {
        BarrierTaskContext context = BarrierTaskContext.get();
        int self = context.partitionId();
        LinkSecurity security = LinkSecurity.fromSpark(SparkEnv.get().conf(), token);
        try (ServerSocket ringServer = ringServer(fixedPort == 0 ? 0 : fixedPort + 1 + self);
             Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(CONNECT_TIMEOUT_MS);
            SecureStreams driver = security.client(socket, BarrierSession.LINK_LABEL);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(driver.out(), BUFFER));
            DataInputStream in = new DataInputStream(new BufferedInputStream(driver.in(), BUFFER));
            out.writeInt(self);
            out.writeUTF(advertisedHost());
            out.writeInt(ringServer.getLocalPort());
            out.flush();
            int partitions = in.readInt();
            String rightHost = in.readUTF();
            int rightPort = in.readInt();
            try (RingLinks ring = RingLinks.join(ringServer, rightHost, rightPort, security, self, partitions,
                    paramCount, precision)) {
                ringServer.close(); // joined: nothing more to accept
                Thread watcher = closeWhenKilled(context, socket, ring);
                try {
                    // Read once the driver has counted this task in: a slow read (a disk cache) is not a handshake.
                    List<ShardGradient> shards = new ArrayList<>(CollectionConverters.asJava(partition.toSeq()));
                    new Steps(shards, in, out, ring, context, epoch, optimizer, precision).run();
                } finally {
                    watcher.interrupt();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("barrier exchange of partition " + self + " with the driver at " + host
                    + ":" + port + " failed: " + e.getMessage(), e);
        }
        return List.of(self).iterator();
    }

    /**
     * A killed task's thread may sit in a socket read, which Spark's interrupt does not end: this watcher closes the
     * task's sockets once Spark marks the task killed (the stage aborted), so that the read fails at once.
     */
    private static Thread closeWhenKilled(BarrierTaskContext context, Socket driver, RingLinks ring) {
        Thread watcher = BarrierSession.daemon("dpnet exchange watcher " + context.partitionId()).newThread(() -> {
            try {
                while (!context.isInterrupted()) {
                    Thread.sleep(KILL_POLL_MS);
                }
                ring.close();
                driver.close();
            } catch (InterruptedException | IOException e) {
                // Ended with the task, or its sockets were closed already.
            }
        });
        watcher.start();
        return watcher;
    }

    /** Listens on every interface, at {@code port} (0: any free one). */
    private static ServerSocket ringServer(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(port));
        return server;
    }

    /**
     * The address other executors reach this one at: the one Spark advertises for its block transfers (the
     * executor's own host setting, behind NAT the address the cluster knows), not a local interface's.
     */
    private static String advertisedHost() {
        return SparkEnv.get().blockManager().blockManagerId().host();
    }

    /** The epoch's steps on this task, over the chunk of the parameters it owns. */
    private static final class Steps {
        private final List<ShardGradient> shards;
        private final DataInputStream in;
        private final DataOutputStream out;
        private final RingLinks ring;
        private final BarrierTaskContext context;
        private final int epoch;
        private final Precision precision;
        private final double[] params;
        private final int owned;
        private final int from;
        private final double[] own;
        private final Wire wire;
        private final GradientUpdate update;
        private final StepSums sum;

        Steps(List<ShardGradient> shards, DataInputStream in, DataOutputStream out, RingLinks ring,
              BarrierTaskContext context, int epoch, OptimizerSpec optimizer, Precision precision)
                throws IOException {
            this.shards = shards;
            this.in = in;
            this.out = out;
            this.ring = ring;
            this.context = context;
            this.epoch = epoch;
            this.precision = precision;
            this.params = new double[ring.length()];
            this.sum = new StepSums(params.length);
            this.owned = ring.held();
            this.from = ring.start(owned);
            this.own = new double[ring.start(owned + 1) - from];
            this.wire = new Wire(Math.max(own.length, StateChunks.sharedLength(optimizer)), precision);
            wire.readValues(in, own);
            double[][] state = wire.readArrays(in, optimizer.create(0).state().length);
            this.update = GradientUpdate.ofChunk(optimizer, state, own.length, precision);
        }

        void run() throws IOException {
            gather();
            for (int command = in.readInt(); command != END; command = in.readInt()) {
                if (command == SYNC) {
                    wire.writeValues(out, own);
                    wire.writeArrays(out, update.optimizerState());
                    out.flush();
                } else {
                    step(command);
                }
            }
        }

        private void step(int step) throws IOException {
            context.killTaskIfInterrupted();
            StepSums total = RingOrder.partitionTotal(shards.iterator(), params, epoch, step, precision, sum);
            Wire.writeScalars(out, total);
            out.flush(); // the driver adds the losses while the ring adds the sums
            ring.reduceScatter(total.vector);
            long count = in.readLong();
            double rate = in.readDouble();
            long globalStep = in.readLong();
            if (count > 0) {
                update.applyChunk(own, total.vector, from, count, rate, globalStep, epoch);
                gather();
            }
        }

        /** The whole parameter vector from every task's own chunk. */
        private void gather() throws IOException {
            System.arraycopy(own, 0, params, from, own.length);
            ring.allGather(params, owned);
        }
    }
}
