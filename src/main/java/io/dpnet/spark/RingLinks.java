package io.dpnet.spark;

import io.dpnet.nn.Precision;
import io.dpnet.spark.secure.LinkSecurity;
import io.dpnet.spark.secure.SecureStreams;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;

/**
 * A task's two links in the ring of an epoch's barrier stage: to its right-hand neighbour (partition + 1) and from its
 * left-hand one. Each of the P - 1 hops of a collective sends one chunk to the right while it receives one from the
 * left, the sending on a thread of its own, so that neither side waits for the other's socket buffer, and segment by
 * segment, so that a hop forwards what the one before brought while the rest still arrives. Each collective
 * sends (P - 1) / P of the vector out of each task and receives as much, whatever P is.
 */
final class RingLinks implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 30_000;
    private static final int HELLO_TIMEOUT_MS = 2_000;
    private static final int ACCEPT_POLL_MS = 20;
    private static final ThreadFactory DAEMONS = BarrierSession.daemon("dpnet ring link");
    /** Values a hop forwards at a time: 256 KB in float32, a quarter of a millisecond at 10 Gbit/s. */
    static final int SEGMENT = 1 << 16;

    private final int self;
    private final int partitions;
    private final int length;
    private final Precision precision;
    private final Socket left;
    private final Socket right;
    private final DataInputStream fromLeft;
    private final DataOutputStream toRight;
    private final Wire sendWire;
    private final Wire receiveWire;
    private final ExecutorService sender;
    private final double[] incoming;
    private final Progress progress;

    private RingLinks(int self, int partitions, int length, Precision precision, Link left, Link right) {
        this.self = self;
        this.partitions = partitions;
        this.length = length;
        this.precision = precision;
        this.left = left == null ? null : left.socket;
        this.right = right == null ? null : right.socket;
        this.fromLeft = left == null ? null
                : new DataInputStream(new BufferedInputStream(left.streams.in(), BarrierWorker.BUFFER));
        this.toRight = right == null ? null
                : new DataOutputStream(new BufferedOutputStream(right.streams.out(), BarrierWorker.BUFFER));
        this.sendWire = new Wire(SEGMENT, precision);
        this.receiveWire = new Wire(SEGMENT, precision);
        this.progress = new Progress(partitions - 1);
        this.sender = left == null ? null
                : Executors.newSingleThreadExecutor(BarrierSession.daemon("dpnet ring sender " + self));
        this.incoming = left == null ? null : new double[SEGMENT];
    }

    /** A connection that has proved itself, and the streams to use on it. */
    private record Link(Socket socket, SecureStreams streams) {
    }

    /**
     * Connects partition {@code self} to its right-hand neighbour at {@code rightHost:rightPort} and accepts its
     * left-hand one on {@code server}; each link proves itself through {@code security}, under a label that names
     * both its ends. One partition needs no links.
     */
    static RingLinks join(ServerSocket server, String rightHost, int rightPort, LinkSecurity security, int self,
                          int partitions, int length, Precision precision) throws IOException {
        if (partitions == 1) {
            return new RingLinks(self, 1, length, precision, null, null);
        }
        // Every task's handshake to the right waits on that neighbour's answer, so accept from the left meanwhile.
        FutureTask<Link> fromLeft = new FutureTask<>(
                () -> acceptLeft(server, security, Math.floorMod(self - 1, partitions), partitions));
        DAEMONS.newThread(fromLeft).start();
        Socket right = new Socket();
        try {
            right.connect(new InetSocketAddress(rightHost, rightPort), CONNECT_TIMEOUT_MS);
            right.setTcpNoDelay(true);
            right.setSoTimeout(CONNECT_TIMEOUT_MS); // the neighbour answers once it has joined too
            SecureStreams toRight = security.client(right, label(self, partitions));
            right.setSoTimeout(BarrierWorker.READ_TIMEOUT_MS);
            Link left = fromLeft.get();
            return new RingLinks(self, partitions, length, precision, left, new Link(right, toRight));
        } catch (IOException | RuntimeException | ExecutionException | InterruptedException e) {
            closeQuietly(right);
            server.close(); // ends a pending accept
            fromLeft.cancel(true);
            if (fromLeft.isDone() && !fromLeft.isCancelled()) {
                try {
                    closeQuietly(fromLeft.get().socket);
                } catch (ExecutionException | InterruptedException ignored) {
                    // No link was made.
                }
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw cause instanceof IOException io ? io : new IOException("could not join the ring: " + cause, cause);
        }
    }

    /** What the link from partition {@code from} to the next one proves itself under. */
    private static String label(int from, int partitions) {
        return "ring " + from + "->" + (from + 1) % partitions;
    }

    /**
     * The left-hand neighbour's connection, within one deadline for all tries. Each connection proves itself on a
     * thread of its own within {@value #HELLO_TIMEOUT_MS} ms, so that one that sends nothing, or garbage, delays no
     * other; the first that proves itself is the neighbour.
     */
    private static Link acceptLeft(ServerSocket server, LinkSecurity security, int expected, int partitions)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + CONNECT_TIMEOUT_MS * 1_000_000L;
        BlockingQueue<Link> proven = new LinkedBlockingQueue<>();
        ExecutorService greeters = Executors.newCachedThreadPool(DAEMONS);
        try {
            while (true) {
                Link link = proven.poll();
                if (link != null) {
                    return link;
                }
                int left = (int) ((deadline - System.nanoTime()) / 1_000_000L);
                if (left <= 0) {
                    throw new IOException("partition " + expected + " did not join the ring within "
                            + CONNECT_TIMEOUT_MS / 1000 + " s");
                }
                server.setSoTimeout(Math.min(left, ACCEPT_POLL_MS));
                Socket socket;
                try {
                    socket = server.accept();
                } catch (SocketTimeoutException e) {
                    continue;
                }
                greeters.execute(() -> {
                    try {
                        socket.setSoTimeout(HELLO_TIMEOUT_MS);
                        SecureStreams streams = security.server(socket, label(expected, partitions));
                        socket.setSoTimeout(BarrierWorker.READ_TIMEOUT_MS);
                        socket.setTcpNoDelay(true);
                        proven.add(new Link(socket, streams));
                    } catch (IOException e) {
                        closeQuietly(socket); // not our neighbour
                    }
                });
            }
        } finally {
            greeters.shutdownNow();
        }
    }

    /** The length of the vectors the ring adds up. */
    int length() {
        return length;
    }

    /** The chunk whose total this partition holds after {@link #reduceScatter}: the one it owns. */
    int held() {
        return Math.floorMod(self + 1, partitions);
    }

    /** First index of chunk {@code c} (0 to P; taken modulo P below P). */
    int start(int c) {
        return RingOrder.chunkStart(c == partitions ? c : Math.floorMod(c, partitions), partitions, length);
    }

    /** Every partition's chunk of {@code values} to every partition: each starts with chunk {@code filled} in. */
    void allGather(double[] values, int filled) throws IOException {
        collective(values, filled, false);
    }

    /**
     * Sums every partition's {@code values} chunk by chunk in {@link RingOrder}; this partition then holds the total
     * of chunk {@link #held} (its others are partial sums).
     */
    void reduceScatter(double[] values) throws IOException {
        collective(values, self, true);
    }

    /**
     * The P - 1 hops of a collective, hop k sending chunk {@code first - k} to the right while chunk
     * {@code first - k - 1} arrives from the left (and, when {@code add}, gets this partition's values added in). The
     * chunk a hop sends is the one the hop before received, so it goes out segment by segment as each segment
     * arrives: the links stay busy instead of waiting at every hop for a whole chunk to arrive and be added.
     */
    private void collective(double[] values, int first, boolean add) throws IOException {
        int hops = partitions - 1;
        if (hops == 0) {
            return;
        }
        progress.reset();
        Future<?> sending = sender.submit(() -> {
            for (int k = 0; k < hops; k++) {
                int chunk = Math.floorMod(first - k, partitions);
                int to = start(chunk + 1);
                int segment = 0;
                for (int from = start(chunk); from < to; from += SEGMENT) {
                    if (k > 0) {
                        progress.await(k - 1, ++segment);
                    }
                    sendWire.writeRange(toRight, values, from, Math.min(from + SEGMENT, to));
                    toRight.flush();
                }
            }
            return null;
        });
        try {
            for (int k = 0; k < hops; k++) {
                int chunk = Math.floorMod(first - k - 1, partitions);
                int to = start(chunk + 1);
                for (int from = start(chunk); from < to; from += SEGMENT) {
                    int end = Math.min(from + SEGMENT, to);
                    if (add) {
                        receiveWire.readRange(fromLeft, incoming, 0, end - from);
                        RingOrder.hop(incoming, from, values, values, from, end, precision);
                    } else {
                        receiveWire.readRange(fromLeft, values, from, end);
                    }
                    progress.done(k);
                }
            }
            sending.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending to the ring", e);
        } finally {
            sending.cancel(true); // done already, or stuck waiting on a receive that failed
        }
    }

    /** How many segments of each hop have arrived, for the sender, which forwards them. */
    private static final class Progress {
        private final int[] arrived;

        Progress(int hops) {
            this.arrived = new int[Math.max(hops, 0)];
        }

        synchronized void reset() {
            Arrays.fill(arrived, 0);
        }

        synchronized void done(int hop) {
            arrived[hop]++;
            notifyAll();
        }

        synchronized void await(int hop, int segments) throws InterruptedException {
            while (arrived[hop] < segments) {
                wait();
            }
        }
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.shutdownNow();
        }
        closeQuietly(left);
        closeQuietly(right);
    }

    private static void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Being dropped anyway.
        }
    }
}
