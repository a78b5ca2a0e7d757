package io.dpnet.nn;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Thin facade over netlib BLAS. Which library serves is chosen once, by the system property {@value #CHOICE}:
 * <ul>
 * <li>{@code bundled} (the default): the OpenBLAS inside the build (JavaCPP's {@code org.bytedeco:openblas}, unpacked
 * at first use), through netlib's JNI shim, which exists for Linux only (x86-64 and aarch64 bundled here); elsewhere
 * netlib's Java BLAS. A library named by netlib's own {@code dev.ludovic.netlib.blas.nativeLibPath} is used instead.
 * Unless {@code OPENBLAS_NUM_THREADS} says otherwise, it runs one thread per call: Spark already runs a task per core.
 * </li>
 * <li>{@code system}: netlib's default native library, {@code libblas.so.3} from the loader.</li>
 * <li>{@code java}: netlib's Java BLAS (the Vector API where the JVM has it).</li>
 * </ul>
 * A native library that fails to load falls back to the Java BLAS; {@link #description} says what serves and why.
 * netlib settles its library once per JVM, at its first use: where something else (an MLlib stage, say) used netlib
 * first, it keeps the library it chose then, and the description says so. Matrices
 * are column-major {@code (array, offset)} with the leading dimension equal to the row count, which is how the
 * network lays out a mini-batch: one column per sample.
 */
public final class Blas {
    /** The system property that chooses the library: bundled, system or java. */
    public static final String CHOICE = "dpnet.blas";
    private static final String NATIVE_PATH = "dev.ludovic.netlib.blas.nativeLibPath";
    private static String description;
    private static final BLAS BLAS_IMPL = load();

    private Blas() {
    }

    /** The implementation in use, e.g. {@code dev.ludovic.netlib.blas.JNIBLAS} for native. */
    public static String implementationName() {
        return BLAS_IMPL.getClass().getName();
    }

    public static boolean isNative() {
        return BLAS_IMPL instanceof NativeBLAS;
    }

    /** What serves, in words: the library and why it was chosen. */
    public static String description() {
        return description;
    }

    /** A {@value #CHOICE} value, checked: bundled, system or java. */
    public static String parseChoice(String value) {
        String choice = value.trim().toLowerCase(Locale.ROOT);
        if (!List.of("bundled", "system", "java").contains(choice)) {
            throw new IllegalArgumentException("-D" + CHOICE + " must be bundled, system or java, got '" + value
                    + "'");
        }
        return choice;
    }

    private static BLAS load() {
        String choice = parseChoice(System.getProperty(CHOICE, "bundled"));
        switch (choice) {
            case "java":
                description = "netlib's Java BLAS (" + CHOICE + "=java)";
                return JavaBLAS.getInstance();
            case "system":
                return nativeOrJava("the system's BLAS (" + CHOICE + "=system)");
            case "bundled":
                String given = System.getProperty(NATIVE_PATH);
                if (given != null) {
                    return nativeOrJava(given + " (" + NATIVE_PATH + ")");
                }
                String bundled;
                try {
                    bundled = bundledOpenBlas();
                } catch (RuntimeException | LinkageError e) {
                    description = "netlib's Java BLAS (the bundled OpenBLAS did not unpack or load: " + e
                            + "; -Dorg.bytedeco.javacpp.cachedir=DIR names a writable folder for it)";
                    return JavaBLAS.getInstance();
                }
                if (bundled == null) {
                    return nativeOrJava("the system's BLAS (no bundled OpenBLAS for " + platform() + ")");
                }
                System.setProperty(NATIVE_PATH, bundled);
                return nativeOrJava("OpenBLAS bundled with dpnet, " + bundled);
            default:
                throw new IllegalStateException("unreachable: " + choice);
        }
    }

    private static BLAS nativeOrJava(String what) {
        try {
            BLAS blas = NativeBLAS.getInstance();
            description = "native: " + what;
            return blas;
        } catch (RuntimeException | LinkageError e) {
            description = "netlib's Java BLAS (" + what + " did not load: " + e.getMessage() + "; netlib keeps the "
                    + "library it chose at its first use in this JVM, so where something used it before dpnet, pass "
                    + "-D" + NATIVE_PATH + "=PATH)";
            return JavaBLAS.getInstance();
        }
    }

    /** The bundled OpenBLAS unpacked, where netlib's JNI shim can load it; null on other platforms. */
    private static String bundledOpenBlas() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.equals("Linux") || !(arch.equals("amd64") || arch.equals("aarch64"))) {
            return null;
        }
        Loader.load(openblas_nolapack.class);
        if (System.getenv("OPENBLAS_NUM_THREADS") == null) {
            openblas_nolapack.blas_set_num_threads(1);
        }
        for (Map.Entry<String, String> lib : Loader.getLoadedLibraries().entrySet()) {
            if (lib.getKey().startsWith("openblas")) {
                return lib.getValue();
            }
        }
        throw new IllegalStateException("JavaCPP loaded no OpenBLAS library");
    }

    private static String platform() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    /**
     * C[m x n] = alpha * op(A) * op(B) + beta * C, where op(A) is [m x k] and op(B) is [k x n].
     * A is stored [m x k] (or [k x m] when transposed), B [k x n] (or [n x k]).
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            double alpha, double[] a, int aOff, double[] b, int bOff,
                            double beta, double[] c, int cOff) {
        check("A", a.length, aOff, (long) m * k);
        check("B", b.length, bOff, (long) k * n);
        check("C", c.length, cOff, (long) m * n);
        if (m == 0 || n == 0) {
            return;
        }
        int lda = transA ? k : m;
        int ldb = transB ? n : k;
        BLAS_IMPL.dgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k,
                alpha, a, aOff, Math.max(1, lda), b, bOff, Math.max(1, ldb), beta, c, cOff, Math.max(1, m));
    }

    /** y[m] = alpha * op(A) * x + beta * y, with A stored [m x n] column-major (op(A) = A^T when trans). */
    public static void gemv(boolean trans, int m, int n, double alpha, double[] a, int aOff,
                            double[] x, int xOff, double beta, double[] y, int yOff) {
        check("A", a.length, aOff, (long) m * n);
        check("x", x.length, xOff, trans ? m : n);
        check("y", y.length, yOff, trans ? n : m);
        if (m == 0 || n == 0) {
            return;
        }
        BLAS_IMPL.dgemv(trans ? "T" : "N", m, n, alpha, a, aOff, Math.max(1, m), x, xOff, 1, beta, y, yOff, 1);
    }

    private static void check(String name, int length, int offset, long needed) {
        if (offset < 0 || offset + needed > length) {
            throw new IllegalArgumentException("BLAS operand " + name + " needs " + needed + " values from offset "
                    + offset + " but its array holds " + length);
        }
    }

    /** The float32 twin of the gemm above. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float alpha, float[] a, int aOff, float[] b, int bOff,
                            float beta, float[] c, int cOff) {
        check("A", a.length, aOff, (long) m * k);
        check("B", b.length, bOff, (long) k * n);
        check("C", c.length, cOff, (long) m * n);
        if (m == 0 || n == 0) {
            return;
        }
        int lda = transA ? k : m;
        int ldb = transB ? n : k;
        BLAS_IMPL.sgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k,
                alpha, a, aOff, Math.max(1, lda), b, bOff, Math.max(1, ldb), beta, c, cOff, Math.max(1, m));
    }

    /** The float32 twin of the gemv above. */
    public static void gemv(boolean trans, int m, int n, float alpha, float[] a, int aOff,
                            float[] x, int xOff, float beta, float[] y, int yOff) {
        check("A", a.length, aOff, (long) m * n);
        check("x", x.length, xOff, trans ? m : n);
        check("y", y.length, yOff, trans ? n : m);
        if (m == 0 || n == 0) {
            return;
        }
        BLAS_IMPL.sgemv(trans ? "T" : "N", m, n, alpha, a, aOff, Math.max(1, m), x, xOff, 1, beta, y, yOff, 1);
    }
}
