package io.dpnet.spark.secure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A connection on 127.0.0.1 for the tests: its two ends, either joined directly or through a relay that records the
 * bytes each way, as someone on the network would see them. Each end's handshake runs on a thread of its own, as two
 * tasks run them, and a failed one closes its socket, as the exchange's callers do.
 */
final class Loopback implements AutoCloseable {
    final Socket client;
    final Socket server;
    private final List<Socket> relay = new ArrayList<>();
    private final ByteArrayOutputStream toServer = new ByteArrayOutputStream();
    private final ByteArrayOutputStream toClient = new ByteArrayOutputStream();

    private Loopback(Socket client, Socket server) {
        this.client = client;
        this.server = server;
    }

    /** Both ends joined directly, each with SO_TIMEOUT {@code timeoutMs}. */
    static Loopback direct(int timeoutMs) throws IOException {
        Socket[] ends = pair();
        ends[0].setSoTimeout(timeoutMs);
        ends[1].setSoTimeout(timeoutMs);
        return new Loopback(ends[0], ends[1]);
    }

    /** Both ends joined through a recording relay. */
    static Loopback tapped(int timeoutMs) throws IOException {
        Socket[] clientSide = pair();
        Socket[] serverSide = pair();
        Loopback link = new Loopback(clientSide[0], serverSide[1]);
        link.client.setSoTimeout(timeoutMs);
        link.server.setSoTimeout(timeoutMs);
        link.relay.add(clientSide[1]);
        link.relay.add(serverSide[0]);
        pump(clientSide[1], serverSide[0], link.toServer);
        pump(serverSide[0], clientSide[1], link.toClient);
        return link;
    }

    /** What the relay saw go from client to server (direct: nothing). */
    byte[] sentToServer() {
        synchronized (toServer) {
            return toServer.toByteArray();
        }
    }

    byte[] sentToClient() {
        synchronized (toClient) {
            return toClient.toByteArray();
        }
    }

    CompletableFuture<SecureStreams> serve(LinkSecurity security, String label) {
        return onThread(server, () -> security.server(server, label));
    }

    CompletableFuture<SecureStreams> connect(LinkSecurity security, String label) {
        return onThread(client, () -> security.client(client, label));
    }

    interface IoCall<T> {
        T call() throws IOException;
    }

    /** {@code call} on a thread of its own; on failure, {@code end} is closed. */
    static <T> CompletableFuture<T> onThread(Socket end, IoCall<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(call.call());
            } catch (IOException | RuntimeException e) {
                closeQuietly(end);
                result.completeExceptionally(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return result;
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void close() {
        closeQuietly(client);
        closeQuietly(server);
        relay.forEach(Loopback::closeQuietly);
    }

    private static Socket[] pair() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket connecting = new Socket(listener.getInetAddress(), listener.getLocalPort());
            Socket accepted = listener.accept();
            connecting.setTcpNoDelay(true);
            accepted.setTcpNoDelay(true);
            return new Socket[] {connecting, accepted};
        }
    }

    private static void pump(Socket from, Socket to, ByteArrayOutputStream seen) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[1 << 16];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (seen) {
                        seen.write(buffer, 0, n);
                    }
                    out.write(buffer, 0, n);
                }
                to.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(to); // one side gone: so is the relay
            }
        });
        t.setDaemon(true);
        t.start();
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // A test's socket, gone either way.
        }
    }
}
