package io.dpnet.spark.secure;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Mutual proof of a shared key over one connection (see package-info for the messages): the client proves itself
 * first, so that the listening side, which anyone can reach, gives nothing keyed to a stranger. Reads exactly the
 * bytes of each message from the socket, no more, and all of them within the socket's timeout as it stood when the
 * handshake began, so that a peer that trickles bytes holds it no longer than one that sends nothing.
 */
final class Handshake {
    static final int NONCE_BYTES = 32;
    private static final byte[] MAGIC = {'D', 'P', 'N', 'X'};
    private static final byte VERSION = 1;
    private static final byte PLAIN = 0;
    private static final byte SEALED = 1;
    private static final byte[] CLIENT = ascii("client");
    private static final byte[] SERVER = ascii("server");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] authKey;
    private final byte mode;
    private final String label;
    private final int timeoutMs;
    private final long deadline;

    private Handshake(Socket socket, byte[] authKey, boolean encrypt, String label) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.authKey = authKey;
        this.mode = encrypt ? SEALED : PLAIN;
        this.label = label;
        this.timeoutMs = socket.getSoTimeout();
        this.deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    }

    /** The connecting side; returns the nonces, client's then server's. */
    static byte[] client(Socket socket, byte[] authKey, boolean encrypt, String label) throws IOException {
        Handshake h = new Handshake(socket, authKey, encrypt, label);
        try {
            return h.asClient();
        } finally {
            h.restoreTimeout();
        }
    }

    /** The accepting side; returns the nonces, client's then server's. */
    static byte[] server(Socket socket, byte[] authKey, boolean encrypt, String label) throws IOException {
        Handshake h = new Handshake(socket, authKey, encrypt, label);
        try {
            return h.asServer();
        } finally {
            h.restoreTimeout();
        }
    }

    private byte[] asClient() throws IOException {
        byte[] clientNonce = nonce();
        send(MAGIC, new byte[] {VERSION, mode}, clientNonce);
        byte[] serverNonce = receive(NONCE_BYTES, "nonce", ": another version or encryption setting?");
        send(proof(CLIENT, clientNonce, serverNonce));
        byte[] serverProof = receive(Hkdf.HASH_BYTES, "proof", ": another key or label?");
        if (!MessageDigest.isEqual(serverProof, proof(SERVER, clientNonce, serverNonce))) {
            throw failure("the server's proof is wrong: it holds another key or label");
        }
        return concat(clientNonce, serverNonce);
    }

    private byte[] asServer() throws IOException {
        if (!Arrays.equals(receive(MAGIC.length, "greeting", ""), MAGIC)) {
            throw failure("not an exchange connection (wrong magic bytes)");
        }
        // The rest in one go: refused now, the client's bytes are all read, and closing ends it cleanly, not by reset.
        byte[] rest = receive(2 + NONCE_BYTES, "greeting", "");
        if (rest[0] != VERSION) {
            throw failure("the client speaks version " + rest[0] + ", this end " + VERSION);
        }
        if (rest[1] != mode) {
            throw failure("the client " + modeName(rest[1]) + ", this end " + modeName(mode)
                    + ": their encryption settings differ");
        }
        byte[] clientNonce = Arrays.copyOfRange(rest, 2, rest.length);
        byte[] serverNonce = nonce();
        send(serverNonce);
        byte[] clientProof = receive(Hkdf.HASH_BYTES, "proof", "");
        if (!MessageDigest.isEqual(clientProof, proof(CLIENT, clientNonce, serverNonce))) {
            throw failure("the client's proof is wrong: it holds another key or label");
        }
        send(proof(SERVER, clientNonce, serverNonce));
        return concat(clientNonce, serverNonce);
    }

    /** HMAC over the role and everything both ends agreed on: a proof fits one role, one label, one connection. */
    private byte[] proof(byte[] role, byte[] clientNonce, byte[] serverNonce) {
        return Hkdf.mac(authKey, role, MAGIC, new byte[] {VERSION, mode}, lengthPrefixed(label), clientNonce,
                serverNonce);
    }

    /** The label's UTF-8 bytes after their 4-byte length, so that no two labels run into what follows alike. */
    static byte[] lengthPrefixed(String label) {
        byte[] utf8 = label.getBytes(StandardCharsets.UTF_8);
        return concat(new byte[] {(byte) (utf8.length >>> 24), (byte) (utf8.length >>> 16),
            (byte) (utf8.length >>> 8), (byte) utf8.length}, utf8);
    }

    private void send(byte[]... parts) throws IOException {
        out.write(concat(parts));
        out.flush();
    }

    /** Exactly {@code count} bytes; {@code ifHungUp} suggests why the peer might have closed instead. */
    private byte[] receive(int count, String what, String ifHungUp) throws IOException {
        byte[] b = new byte[count];
        int done = 0;
        while (done < count) {
            int n;
            try {
                limitWait();
                n = in.read(b, done, count - done);
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException(prefix() + "no " + what + " from the peer within " + timeoutMs
                        + " ms");
            } catch (IOException e) {
                throw new IOException(prefix() + "the connection failed before the peer's " + what + ifHungUp + " ("
                        + e.getMessage() + ")", e);
            }
            if (n < 0) {
                throw new EOFException(prefix() + "the peer hung up before its " + what + ifHungUp);
            }
            done += n;
        }
        return b;
    }

    /** Lets the next read wait only what is left of the handshake's time (no limit when the socket has none). */
    private void limitWait() throws IOException {
        if (timeoutMs == 0) {
            return;
        }
        long leftMs = (deadline - System.nanoTime()) / 1_000_000L;
        if (leftMs <= 0) {
            throw new SocketTimeoutException();
        }
        socket.setSoTimeout((int) leftMs);
    }

    private void restoreTimeout() throws IOException {
        if (!socket.isClosed()) {
            socket.setSoTimeout(timeoutMs);
        }
    }

    private IOException failure(String why) {
        return new IOException(prefix() + why);
    }

    private String prefix() {
        return "exchange handshake '" + label + "': ";
    }

    private static String modeName(byte mode) {
        return switch (mode) {
            case PLAIN -> "does not encrypt";
            case SEALED -> "encrypts";
            default -> "asks for unknown mode " + mode;
        };
    }

    private static byte[] nonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
