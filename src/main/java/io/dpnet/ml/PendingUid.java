package io.dpnet.ml;

import java.util.Objects;

/**
 * Hands a uid to a Spark ML stage written in Java before its superclass constructor runs.
 *
 * <p>Spark's Scala superclasses create their params (featuresCol, labelCol, ...) in their constructors, and each
 * param records {@code parent.uid()} there and then. A Scala class takes its uid as a constructor parameter, which
 * Scala assigns before calling the superclass constructor; Java cannot assign a field that early. So the public
 * constructor hands the uid over here, on the constructing thread, and the stage's {@code uid()} claims it on its
 * first call, which happens inside the superclass constructor.
 */
final class PendingUid {
    private static final ThreadLocal<String> HANDED_OVER = new ThreadLocal<>();
    private static final Token TOKEN = new Token();

    /** Proof, as a constructor argument, that a uid was handed over. */
    static final class Token {
        private Token() {
        }
    }

    private PendingUid() {
    }

    static Token handOver(String uid) {
        HANDED_OVER.set(Objects.requireNonNull(uid, "uid"));
        return TOKEN;
    }

    static String claim() {
        String uid = HANDED_OVER.get();
        if (uid == null) {
            throw new IllegalStateException("no uid was handed over for the stage under construction");
        }
        HANDED_OVER.remove();
        return uid;
    }
}
