package io.dpnet.spark;

import io.dpnet.nn.Precision;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A task's two links in the ring of an epoch's barrier stage: to its right-hand neighbour (partition + 1) and from its
 * left-hand one. Each of the P - 1 hops of a collective sends one chunk to the right while it receives one from the
 * left, the sending on a thread of its own, so that neither side waits for the other's socket buffer. Each collective
 * sends (P - 1) / P of the vector out of each task and receives as much, whatever P is.
 */
final class RingLinks implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 30_000;
    private static final int HELLO_TIMEOUT_MS = 2_000;

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

    private RingLinks(int self, int partitions, int length, Precision precision, Socket left, Socket right)
            throws IOException {
        this.self = self;
        this.partitions = partitions;
        this.length = length;
        this.precision = precision;
        this.left = left;
        this.right = right;
        this.fromLeft = left == null ? null
                : new DataInputStream(new BufferedInputStream(left.getInputStream(), BarrierWorker.BUFFER));
        this.toRight = right == null ? null
                : new DataOutputStream(new BufferedOutputStream(right.getOutputStream(), BarrierWorker.BUFFER));
        int chunk = RingOrder.chunkStart(1, partitions, length) + 1;
        this.sendWire = new Wire(chunk, precision);
        this.receiveWire = new Wire(chunk, precision);
        this.sender = left == null ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dpnet ring sender " + self);
            t.setDaemon(true);
            return t;
        });
        this.incoming = left == null ? null : new double[length];
    }

    /**
     * Connects partition {@code self} to its right-hand neighbour at {@code rightHost:rightPort} and accepts its
     * left-hand one on {@code server}; both prove themselves with the session's token. One partition needs no links.
     */
    static RingLinks join(ServerSocket server, String rightHost, int rightPort, byte[] token, int self,
                          int partitions, int length, Precision precision) throws IOException {
        if (partitions == 1) {
            return new RingLinks(self, 1, length, precision, null, null);
        }
        Socket right = new Socket();
        Socket left = null;
        try {
            right.connect(new InetSocketAddress(rightHost, rightPort), CONNECT_TIMEOUT_MS);
            right.setTcpNoDelay(true);
            DataOutputStream hello = new DataOutputStream(right.getOutputStream());
            hello.write(token);
            hello.writeInt(self);
            hello.flush();
            left = acceptLeft(server, token, Math.floorMod(self - 1, partitions));
            return new RingLinks(self, partitions, length, precision, left, right);
        } catch (IOException | RuntimeException e) {
            closeQuietly(right);
            closeQuietly(left);
            throw e;
        }
    }

    /**
     * The left-hand neighbour's connection, within one deadline for all tries: a connection that sends nothing gets
     * {@value #HELLO_TIMEOUT_MS} ms, and any number of them cannot hold the ring longer than the deadline.
     */
    private static Socket acceptLeft(ServerSocket server, byte[] token, int expected) throws IOException {
        long deadline = System.nanoTime() + CONNECT_TIMEOUT_MS * 1_000_000L;
        while (true) {
            int left = (int) ((deadline - System.nanoTime()) / 1_000_000L);
            if (left <= 0) {
                throw new IOException("partition " + expected + " did not join the ring within "
                        + CONNECT_TIMEOUT_MS / 1000 + " s");
            }
            server.setSoTimeout(left);
            Socket socket;
            try {
                socket = server.accept();
            } catch (SocketTimeoutException e) {
                continue;
            }
            socket.setSoTimeout(Math.min(left, HELLO_TIMEOUT_MS));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] presented = new byte[token.length];
            try {
                in.readFully(presented);
                if (MessageDigest.isEqual(token, presented) && in.readInt() == expected) {
                    socket.setSoTimeout(BarrierWorker.READ_TIMEOUT_MS);
                    socket.setTcpNoDelay(true);
                    return socket;
                }
            } catch (IOException e) {
                // Not our neighbour: drop it and wait for the one that is.
            }
            closeQuietly(socket);
        }
    }

    int self() {
        return self;
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
        for (int k = 0; k < partitions - 1; k++) {
            int out = Math.floorMod(filled - k, partitions);
            int in = Math.floorMod(filled - k - 1, partitions);
            hop(values, out, values, in);
        }
    }

    /**
     * Sums every partition's {@code values} chunk by chunk in {@link RingOrder}; this partition then holds the total
     * of chunk {@link #held} (its others are partial sums).
     */
    void reduceScatter(double[] values) throws IOException {
        for (int k = 0; k < partitions - 1; k++) {
            int out = Math.floorMod(self - k, partitions);
            int in = Math.floorMod(self - k - 1, partitions);
            hop(values, out, incoming, in);
            int from = start(in);
            int to = start(in + 1);
            RingOrder.hop(incoming, values, from, to, precision);
            System.arraycopy(incoming, from, values, from, to - from);
        }
    }

    /** Sends chunk {@code out} of {@code source} to the right while chunk {@code in} arrives from the left. */
    private void hop(double[] source, int out, double[] target, int in) throws IOException {
        Future<?> sending = sender.submit(() -> {
            sendWire.writeRange(toRight, source, start(out), start(out + 1));
            toRight.flush();
            return null;
        });
        receiveWire.readRange(fromLeft, target, start(in), start(in + 1));
        try {
            sending.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending to the ring", e);
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
