package io.dpnet.spark.secure;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;

/**
 * How exchange connections prove themselves, and whether their bytes are encrypted. Holds key material: never put it
 * in a Spark closure (it is not serializable, so Spark refuses); build it on each side. Only keys derived from the
 * key given are kept, one to prove with and one to derive each connection's record keys from.
 */
public final class LinkSecurity {
    static final String AUTHENTICATE = "spark.authenticate";
    static final String NETWORK_CRYPTO = "spark.network.crypto.enabled";
    static final String SASL_ENCRYPTION = "spark.authenticate.enableSaslEncryption";
    static final String RPC_SSL = "spark.ssl.rpc.enabled";
    static final String SSL = "spark.ssl.enabled";
    private static final byte[] AUTHENTICATION = utf8("dpnet exchange v1 authentication");
    private static final byte[] ENCRYPTION = utf8("dpnet exchange v1 encryption");
    private static final byte[] CLIENT_TO_SERVER = utf8("c2s");
    private static final byte[] SERVER_TO_CLIENT = utf8("s2c");

    private final byte[] authKey;
    private final byte[] cipherKey;
    private final boolean encrypt;
    private final boolean applicationSecret;
    private final String keyName;

    private LinkSecurity(byte[] salt, byte[] key, boolean encrypt, boolean applicationSecret, String keyName) {
        if (key.length == 0) {
            throw new IllegalArgumentException("an empty key proves nothing");
        }
        byte[] root = Hkdf.extract(salt, key);
        this.authKey = Hkdf.expand(root, AUTHENTICATION);
        this.cipherKey = Hkdf.expand(root, ENCRYPTION);
        Arrays.fill(root, (byte) 0);
        this.encrypt = encrypt;
        this.applicationSecret = applicationSecret;
        this.keyName = keyName;
    }

    /** key: the bytes both ends share (the application's secret, or a random session token); encrypt: AEAD records. */
    public static LinkSecurity of(byte[] key, boolean encrypt) {
        return new LinkSecurity(new byte[0], key, encrypt, false, "a shared key");
    }

    /**
     * From the running Spark application on this JVM (driver or executor; {@code conf} is its configuration): when
     * {@code spark.authenticate} is on, the key is the application's secret, salted with {@code sessionToken} so that
     * a connection of one session never passes for another's; otherwise the key is {@code sessionToken} alone, as with
     * {@link #of}. Both ends must pass the same token. Encrypted when Spark encrypts its own RPC: AES-based
     * ({@code spark.network.crypto.enabled}), SASL ({@code spark.authenticate.enableSaslEncryption}) or TLS
     * ({@code spark.ssl.rpc.enabled}); also when {@code spark.ssl.enabled} is on, which Spark 4.1's RPC does not
     * inherit: a cluster that asks for TLS anywhere gets an encrypted exchange rather than a plain one.
     *
     * @throws IllegalStateException when {@code spark.authenticate} is on but this JVM's Spark has no secret
     */
    public static LinkSecurity fromSpark(SparkConf conf, byte[] sessionToken) {
        return fromSpark(conf, sessionToken, LinkSecurity::runningApplicationSecret);
    }

    /** {@link #fromSpark(SparkConf, byte[])} with the application's secret from {@code secret}, asked if needed. */
    static LinkSecurity fromSpark(SparkConf conf, byte[] sessionToken, Supplier<String> secret) {
        if (sessionToken.length == 0) {
            throw new IllegalArgumentException("the session's token is empty");
        }
        boolean encrypt = conf.getBoolean(NETWORK_CRYPTO, false) || conf.getBoolean(SASL_ENCRYPTION, false)
                || conf.getBoolean(RPC_SSL, false) || conf.getBoolean(SSL, false);
        if (!conf.getBoolean(AUTHENTICATE, false)) {
            return new LinkSecurity(new byte[0], sessionToken, encrypt, false, "the session's token");
        }
        return new LinkSecurity(sessionToken, secretBytes(secret), encrypt, true, "the application's secret");
    }

    private static byte[] secretBytes(Supplier<String> secret) {
        String value;
        try {
            value = secret.get();
        } catch (IllegalArgumentException e) { // Spark's SecurityManager, when it finds no secret anywhere
            throw new IllegalStateException(AUTHENTICATE + " is on, but Spark has no secret: " + e.getMessage(), e);
        }
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(AUTHENTICATE + " is on, but this JVM's Spark application has no secret"
                    + " (is authentication on for it too?)");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String runningApplicationSecret() {
        SparkEnv env = SparkEnv.get();
        if (env == null) {
            throw new IllegalStateException(AUTHENTICATE + " is on, but no Spark application runs in this JVM to take"
                    + " its secret from");
        }
        return env.securityManager().getSecretKey();
    }

    public boolean encrypts() {
        return encrypt;
    }

    public boolean usesApplicationSecret() {
        return applicationSecret;
    }

    /** One line for the log, without key material. */
    public String describe() {
        return "authenticated with " + keyName + ", " + (encrypt ? "AES-GCM encrypted" : "not encrypted");
    }

    /**
     * The connecting side's handshake on a connected socket, within the socket's timeout (set it first). {@code label}
     * names the purpose and session and must be equal on both ends (e.g. "ring 3->4"). On failure the socket is left
     * for the caller to close.
     */
    public SecureStreams client(Socket socket, String label) throws IOException {
        byte[] nonces = Handshake.client(socket, authKey, encrypt, label);
        return streams(socket, label, nonces, CLIENT_TO_SERVER, SERVER_TO_CLIENT);
    }

    /** The accepting side's handshake: as {@link #client}. */
    public SecureStreams server(Socket socket, String label) throws IOException {
        byte[] nonces = Handshake.server(socket, authKey, encrypt, label);
        return streams(socket, label, nonces, SERVER_TO_CLIENT, CLIENT_TO_SERVER);
    }

    /** Encrypted: each direction's AES-256 key from this connection's nonces, so no two connections share one. */
    private SecureStreams streams(Socket socket, String label, byte[] nonces, byte[] sending, byte[] receiving)
            throws IOException {
        if (!encrypt) {
            return new SecureStreams(socket.getInputStream(), socket.getOutputStream());
        }
        byte[] connection = Hkdf.extract(nonces, cipherKey);
        byte[] framedLabel = Handshake.lengthPrefixed(label);
        SecureStreams sealed = new SecureStreams(
                new SealedInputStream(socket.getInputStream(), Hkdf.expand(connection, framedLabel, receiving)),
                new SealedOutputStream(socket.getOutputStream(), Hkdf.expand(connection, framedLabel, sending)));
        Arrays.fill(connection, (byte) 0);
        return sealed;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
