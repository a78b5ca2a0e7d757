package io.dpnet.spark.secure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Handshakes and whole links over real sockets on 127.0.0.1. */
class LinkSecurityTest {
    private static final String LABEL = "ring 3->4 session ab12";
    /** Long, so that a failure that came only from the timeout would show. */
    private static final int PATIENT_MS = 10_000;
    private static final int QUICK_MS = 2_000;
    /** The client's bytes before its first record: greeting (4 + 1 + 1 + 32) and proof (32). */
    private static final int CLIENT_HANDSHAKE_BYTES = 70;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void megabytesCrossBothWaysAtOnceAndOnlyCiphertextIsOnTheWire(boolean encrypt) throws Exception {
        byte[] key = key(1);
        byte[] up = randomBytes(6 << 20, 2);
        int[] pieces = new Random(3).ints(20_000, 0, 700).toArray();
        byte[] down = randomBytes(Arrays.stream(pieces).sum(), 4);
        try (Loopback link = Loopback.tapped(PATIENT_MS)) {
            CompletableFuture<SecureStreams> serving = link.serve(LinkSecurity.of(key, encrypt), LABEL);
            SecureStreams client = Loopback.await(link.connect(LinkSecurity.of(key, encrypt), LABEL));
            SecureStreams server = Loopback.await(serving);
            assertEquals(PATIENT_MS, link.server.getSoTimeout(), "the handshake leaves the socket's timeout as it was");

            CompletableFuture<Void> sendingUp = Loopback.onThread(link.client, () -> {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(client.out(), 1 << 16));
                for (int off = 0; off < up.length; off += 1 << 20) {
                    out.write(up, off, Math.min(1 << 20, up.length - off)); // the exchange's way: big chunks
                }
                out.flush();
                return null;
            });
            CompletableFuture<Void> sendingDown = Loopback.onThread(link.server, () -> {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(server.out(), 1 << 16));
                int off = 0;
                for (int i = 0; i < pieces.length; i++) {
                    out.write(down, off, pieces[i]);
                    off += pieces[i];
                    if (i % 5 == 0) {
                        out.flush(); // many small records
                    }
                }
                out.flush();
                return null;
            });
            CompletableFuture<byte[]> receivedDown = Loopback.onThread(link.client, () -> readAll(client, down.length));
            byte[] receivedUp = readAll(server, up.length);
            Loopback.await(sendingUp);
            Loopback.await(sendingDown);
            assertArrayEquals(up, receivedUp);
            assertArrayEquals(down, Loopback.await(receivedDown));

            byte[] wireUp = link.sentToServer();
            byte[] wireDown = link.sentToClient();
            assertFalse(contains(wireUp, key) || contains(wireDown, key), "the key crossed the wire");
            if (encrypt) {
                assertTrue(wireUp.length > CLIENT_HANDSHAKE_BYTES + up.length, "records carry tags");
                for (int off = 0; off < up.length; off += 1 << 18) {
                    assertFalse(contains(wireUp, Arrays.copyOfRange(up, off, off + 16)), "plaintext at " + off);
                }
                assertFalse(contains(wireDown, Arrays.copyOfRange(down, 1000, 1016)), "plaintext down");
            } else {
                assertArrayEquals(up, Arrays.copyOfRange(wireUp, CLIENT_HANDSHAKE_BYTES, wireUp.length),
                        "a plain link carries the bytes as they are");
            }
        }
    }

    @Test
    void aWrongKeyFailsBothEndsAtOnce() throws Exception {
        try (Loopback link = Loopback.direct(PATIENT_MS)) {
            long start = System.nanoTime();
            CompletableFuture<SecureStreams> server = link.serve(LinkSecurity.of(key(1), true), LABEL);
            CompletableFuture<SecureStreams> client = link.connect(LinkSecurity.of(key(2), true), LABEL);
            assertTrue(failure(server).getMessage().contains("the client's proof is wrong"));
            assertTrue(failure(client).getMessage().contains("another key or label"));
            assertQuick(start);
        }
    }

    @Test
    void aWrongLabelFailsBothEndsAtOnce() throws Exception {
        try (Loopback link = Loopback.direct(PATIENT_MS)) {
            long start = System.nanoTime();
            LinkSecurity security = LinkSecurity.of(key(1), false);
            CompletableFuture<SecureStreams> server = link.serve(security, "ring 3->4 session ab12");
            CompletableFuture<SecureStreams> client = link.connect(security, "ring 3->4 session ab13");
            assertTrue(failure(server).getMessage().contains("the client's proof is wrong"));
            failure(client);
            assertQuick(start);
        }
    }

    @Test
    void endsThatDisagreeOnEncryptionFailAtOnce() throws Exception {
        try (Loopback link = Loopback.direct(PATIENT_MS)) {
            long start = System.nanoTime();
            CompletableFuture<SecureStreams> server = link.serve(LinkSecurity.of(key(1), true), LABEL);
            CompletableFuture<SecureStreams> client = link.connect(LinkSecurity.of(key(1), false), LABEL);
            assertTrue(failure(server).getMessage().contains("encryption settings differ"));
            assertTrue(failure(client).getMessage().contains("another version or encryption setting"));
            assertQuick(start);
        }
    }

    @Test
    void garbageIsRefusedAtOnce() throws Exception {
        try (Loopback link = Loopback.direct(PATIENT_MS)) {
            long start = System.nanoTime();
            CompletableFuture<SecureStreams> server = link.serve(LinkSecurity.of(key(1), true), LABEL);
            link.client.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(failure(server).getMessage().contains("wrong magic"));
            assertQuick(start);
        }
    }

    @Test
    void aGreetingCutShortFailsAtOnce() throws Exception {
        try (Loopback link = Loopback.direct(PATIENT_MS)) {
            long start = System.nanoTime();
            CompletableFuture<SecureStreams> server = link.serve(LinkSecurity.of(key(1), true), LABEL);
            link.client.getOutputStream().write(new byte[] {'D', 'P', 'N', 'X', 1, 1, 7, 7, 7});
            link.client.shutdownOutput();
            assertInstanceOf(EOFException.class, failure(server));
            assertQuick(start);
        }
    }

    @Test
    void aSilentClientIsDroppedAfterTheSocketTimeout() throws Exception {
        try (Loopback link = Loopback.direct(300)) {
            long start = System.nanoTime();
            IOException e = failure(link.serve(LinkSecurity.of(key(1), true), LABEL));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertInstanceOf(SocketTimeoutException.class, e);
            assertTrue(ms >= 250 && ms < QUICK_MS, ms + " ms");
        }
    }

    /** A byte every 100 ms would keep each read within a 400 ms timeout; the handshake as a whole is not. */
    @Test
    void aTricklingClientIsDroppedWithinOneTimeout() throws Exception {
        try (Loopback link = Loopback.direct(400)) {
            long start = System.nanoTime();
            CompletableFuture<SecureStreams> server = link.serve(LinkSecurity.of(key(1), true), LABEL);
            Loopback.onThread(link.client, () -> {
                OutputStream out = link.client.getOutputStream();
                out.write(new byte[] {'D', 'P', 'N', 'X', 1, 1});
                for (int i = 0; i < Handshake.NONCE_BYTES; i++) {
                    sleep(100);
                    out.write(i);
                }
                return null;
            });
            assertInstanceOf(SocketTimeoutException.class, failure(server));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 1_000, ms + " ms");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 15, (1 << 16) + 17, Integer.MAX_VALUE, -1})
    void anAbsurdRecordLengthIsRefusedAtOnce(int length) throws Exception {
        try (Loopback link = Loopback.direct(PATIENT_MS)) {
            CompletableFuture<SecureStreams> serving = link.serve(LinkSecurity.of(key(1), true), LABEL);
            Loopback.await(link.connect(LinkSecurity.of(key(1), true), LABEL));
            SecureStreams server = Loopback.await(serving);
            long start = System.nanoTime();
            new DataOutputStream(link.client.getOutputStream()).writeInt(length); // past the records' layer
            IOException e = assertThrows(IOException.class, () -> server.in().read());
            assertTrue(e.getMessage().startsWith("absurd record length"), e.getMessage());
            assertQuick(start);
        }
    }

    private static byte[] readAll(SecureStreams streams, int length) throws IOException {
        byte[] all = new byte[length];
        new DataInputStream(new BufferedInputStream(streams.in(), 1 << 16)).readFully(all);
        return all;
    }

    private static IOException failure(CompletableFuture<?> future) {
        Exception e = assertThrows(Exception.class, () -> Loopback.await(future));
        return assertInstanceOf(IOException.class, e);
    }

    private static void assertQuick(long start) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < QUICK_MS, "took " + ms + " ms");
    }

    static byte[] key(int seed) {
        return randomBytes(16, seed);
    }

    static byte[] randomBytes(int length, int seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (haystack[i] == needle[0] && Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(int ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
