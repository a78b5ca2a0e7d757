package io.dpnet.spark.secure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.spark.SecurityManager;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.internal.config.package$;
import org.junit.jupiter.api.Test;
import scala.Option;

/** What LinkSecurity takes from a Spark configuration, without a SparkContext. */
class LinkSecurityFromSparkTest {
    private static final byte[] TOKEN = LinkSecurityTest.key(7);
    private static final Supplier<String> NOT_ASKED = () -> {
        throw new AssertionError("the secret was asked for without spark.authenticate");
    };

    @Test
    void withoutAuthenticationTheSessionsTokenIsTheKey() throws Exception {
        LinkSecurity fromSpark = LinkSecurity.fromSpark(new SparkConf(false), TOKEN, NOT_ASKED);
        assertFalse(fromSpark.usesApplicationSecret());
        assertFalse(fromSpark.encrypts());
        assertEquals("authenticated with the session's token, not encrypted", fromSpark.describe());
        assertTrue(connects(fromSpark, LinkSecurity.of(TOKEN, false)));
        assertFalse(connects(fromSpark, LinkSecurity.of(LinkSecurityTest.key(8), false)));
    }

    @Test
    void encryptedWhenSparkEncryptsItsRpc() {
        for (String property : new String[] {LinkSecurity.NETWORK_CRYPTO, LinkSecurity.SASL_ENCRYPTION,
            LinkSecurity.RPC_SSL, LinkSecurity.SSL}) {
            SparkConf conf = new SparkConf(false).set(property, "true");
            assertTrue(LinkSecurity.fromSpark(conf, TOKEN, NOT_ASKED).encrypts(), property);
        }
        assertFalse(LinkSecurity.fromSpark(new SparkConf(false), TOKEN, NOT_ASKED).encrypts());
    }

    @Test
    void withAuthenticationTheSecretAndTheTokenAreTheKey() throws Exception {
        SparkConf conf = new SparkConf(false).set(LinkSecurity.AUTHENTICATE, "true")
                .set(LinkSecurity.NETWORK_CRYPTO, "true");
        LinkSecurity security = LinkSecurity.fromSpark(conf, TOKEN, () -> "s3cret");
        assertTrue(security.usesApplicationSecret());
        assertEquals("authenticated with the application's secret, AES-GCM encrypted", security.describe());
        assertTrue(connects(security, LinkSecurity.fromSpark(conf, TOKEN, () -> "s3cret")));
        assertFalse(connects(security, LinkSecurity.fromSpark(conf, TOKEN, () -> "s3cret!")), "another secret");
        assertFalse(connects(security, LinkSecurity.fromSpark(conf, LinkSecurityTest.key(8), () -> "s3cret")),
                "another session");
        assertFalse(connects(security, LinkSecurity.of(TOKEN, true)), "the token alone");
    }

    /** Spark's own lookup (spark.authenticate.secret here), which SparkEnv's SecurityManager makes on executors too. */
    @Test
    void theSecretIsTheOneSparksSecurityManagerHolds() throws Exception {
        SparkConf conf = new SparkConf(false).set(LinkSecurity.AUTHENTICATE, "true")
                .set("spark.authenticate.secret", "s3cret");
        SecurityManager spark = new SecurityManager(conf, Option.empty(), package$.MODULE$.AUTH_SECRET_FILE_DRIVER());
        assertTrue(connects(LinkSecurity.fromSpark(conf, TOKEN, spark::getSecretKey),
                LinkSecurity.fromSpark(conf, TOKEN, () -> "s3cret")));
    }

    @Test
    void noSecretIsAClearError() {
        SparkConf conf = new SparkConf(false).set(LinkSecurity.AUTHENTICATE, "true");
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> LinkSecurity.fromSpark(conf,
                TOKEN, () -> {
                    throw new IllegalArgumentException("A secret key must be specified via the "
                            + "spark.authenticate.secret config");
                }));
        assertTrue(missing.getMessage().contains("spark.authenticate.secret"), missing.getMessage());
        assertThrows(IllegalStateException.class, () -> LinkSecurity.fromSpark(conf, TOKEN, () -> null));
        assumeTrue(SparkEnv.get() == null, "another test's SparkContext runs in this JVM");
        IllegalStateException noSpark = assertThrows(IllegalStateException.class,
                () -> LinkSecurity.fromSpark(conf, TOKEN));
        assertTrue(noSpark.getMessage().contains("no Spark application runs in this JVM"), noSpark.getMessage());
    }

    private static boolean connects(LinkSecurity client, LinkSecurity server) throws Exception {
        try (Loopback link = Loopback.direct(5_000)) {
            CompletableFuture<SecureStreams> serving = link.serve(server, "driver session 1");
            CompletableFuture<SecureStreams> connecting = link.connect(client, "driver session 1");
            try {
                Loopback.await(connecting);
                Loopback.await(serving);
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        }
    }
}
