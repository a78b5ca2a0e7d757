package io.dpnet.spark;

import io.dpnet.nn.Precision;
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
 * it belongs to this training with the session's token, learns its right-hand neighbour from the driver and joins
 * the ring ({@link RingLinks}). Then for every step: it receives its chunk of the weights from the driver, the ring
 * all-gathers the whole vector, it computes its shards' sums, the ring reduce-scatters them ({@link RingOrder}), and
 * it sends the driver the one chunk of the total that it holds, with its own loss and counts; until the driver says
 * the epoch is over.
 */
final class BarrierWorker {
    static final int END = -1;
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
                                 int fixedPort, byte[] token, int epoch, int paramCount, Precision precision) {
        BarrierTaskContext context = BarrierTaskContext.get();
        int self = context.partitionId();
        try (ServerSocket ringServer = ringServer(fixedPort == 0 ? 0 : fixedPort + 1 + self);
             Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), BUFFER));
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), BUFFER));
            out.write(token);
            out.writeInt(self);
            out.writeUTF(advertisedHost());
            out.writeInt(ringServer.getLocalPort());
            out.flush();
            int partitions = in.readInt();
            String rightHost = in.readUTF();
            int rightPort = in.readInt();
            try (RingLinks ring = RingLinks.join(ringServer, rightHost, rightPort, token, self, partitions,
                    paramCount, precision)) {
                ringServer.close(); // joined: nothing more to accept
                Thread watcher = closeWhenKilled(context, socket, ring);
                try {
                    // Read once the driver has counted this task in: a slow read (a disk cache) is not a handshake.
                    List<ShardGradient> shards = new ArrayList<>(CollectionConverters.asJava(partition.toSeq()));
                    steps(shards, in, out, ring, context, epoch, paramCount, precision);
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
        Thread watcher = new Thread(() -> {
            try {
                while (!context.isInterrupted()) {
                    Thread.sleep(KILL_POLL_MS);
                }
                ring.close();
                driver.close();
            } catch (InterruptedException | IOException e) {
                // Ended with the task, or its sockets were closed already.
            }
        }, "dpnet exchange watcher " + context.partitionId());
        watcher.setDaemon(true);
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

    private static void steps(List<ShardGradient> shards, DataInputStream in, DataOutputStream out, RingLinks ring,
                              BarrierTaskContext context, int epoch, int paramCount, Precision precision)
            throws IOException {
        Wire wire = new Wire(paramCount, precision);
        double[] params = new double[paramCount];
        StepSums sum = new StepSums(paramCount);
        int self = ring.self();
        for (int step = in.readInt(); step != END; step = in.readInt()) {
            wire.readRange(in, params, ring.start(self), ring.start(self + 1));
            ring.allGather(params);
            context.killTaskIfInterrupted();
            StepSums total = RingOrder.partitionTotal(shards.iterator(), params, epoch, step, precision, sum);
            int held = ring.reduceScatter(total.vector);
            Wire.writeScalars(out, total);
            wire.writeRange(out, total.vector, ring.start(held), ring.start(held + 1));
            out.flush();
        }
    }
}
