package io.dpnet.spark.secure;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * Not a test: what a link costs over loopback. Moves 1 GiB (after a warm-up) in the exchange's multi-megabyte chunks,
 * plain and encrypted, and times handshakes. Run with the test class path:
 * {@code java -cp target/classes:target/test-classes:<spark> io.dpnet.spark.secure.LinkThroughput [MiB]}.
 */
public final class LinkThroughput {
    private static final int CHUNK = 4 << 20;
    private static final int HANDSHAKES = 200;

    private LinkThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int mebibytes = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        byte[] key = LinkSecurityTest.key(1);
        for (boolean encrypt : new boolean[] {false, true}) {
            LinkSecurity security = LinkSecurity.of(key, encrypt);
            move(security, 256); // warm-up: the JIT, and AES-GCM's intrinsics
            long start = System.nanoTime();
            move(security, mebibytes);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%-30s %6.0f MB/s (%d MiB in %.2f s)%n", security.describe().replace(
                    "authenticated with a shared key, ", ""), mebibytes * 1.048576 / seconds, mebibytes, seconds);
        }
        for (boolean encrypt : new boolean[] {false, true}) {
            LinkSecurity security = LinkSecurity.of(key, encrypt);
            long start = System.nanoTime();
            for (int i = 0; i < HANDSHAKES; i++) {
                try (Loopback link = Loopback.direct(5_000)) {
                    CompletableFuture<SecureStreams> serving = link.serve(security, "handshake " + i);
                    Loopback.await(link.connect(security, "handshake " + i));
                    Loopback.await(serving);
                }
            }
            System.out.printf("handshake, %-19s %6.2f ms each (with a fresh loopback connection)%n",
                    encrypt ? "encrypted" : "plain", (System.nanoTime() - start) / 1e6 / HANDSHAKES);
        }
    }

    private static void move(LinkSecurity security, int mebibytes) throws Exception {
        long total = (long) mebibytes << 20;
        try (Loopback link = Loopback.direct(60_000)) {
            CompletableFuture<SecureStreams> serving = link.serve(security, "throughput");
            SecureStreams client = Loopback.await(link.connect(security, "throughput"));
            SecureStreams server = Loopback.await(serving);
            CompletableFuture<Void> sending = Loopback.onThread(link.client, () -> {
                byte[] chunk = LinkSecurityTest.randomBytes(CHUNK, 2);
                OutputStream out = client.out();
                for (long sent = 0; sent < total; sent += CHUNK) {
                    out.write(chunk, 0, (int) Math.min(CHUNK, total - sent));
                }
                out.flush();
                return null;
            });
            receive(new DataInputStream(server.in()), total);
            Loopback.await(sending);
        }
    }

    private static void receive(DataInputStream in, long total) throws IOException {
        byte[] chunk = new byte[CHUNK];
        for (long received = 0; received < total; received += CHUNK) {
            in.readFully(chunk, 0, (int) Math.min(CHUNK, total - received));
        }
    }
}
