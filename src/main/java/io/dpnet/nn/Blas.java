package io.dpnet.nn;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Thin facade over netlib BLAS (native OpenBLAS when libblas.so.3 is installed, else a Java implementation).
 * Matrices are column-major {@code (array, offset)} with the leading dimension equal to the row count, which is how
 * the network lays out a mini-batch: one column per sample.
 */
public final class Blas {
    private static final BLAS BLAS_IMPL = BLAS.getInstance();

    private Blas() {
    }

    /** The implementation in use, e.g. {@code dev.ludovic.netlib.blas.JNIBLAS} for native. */
    public static String implementationName() {
        return BLAS_IMPL.getClass().getName();
    }

    public static boolean isNative() {
        return implementationName().contains("JNIBLAS");
    }

    /**
     * C[m x n] = alpha * op(A) * op(B) + beta * C, where op(A) is [m x k] and op(B) is [k x n].
     * A is stored [m x k] (or [k x m] when transposed), B [k x n] (or [n x k]).
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            double alpha, double[] a, int aOff, double[] b, int bOff,
                            double beta, double[] c, int cOff) {
        check("A", a, aOff, (long) m * k);
        check("B", b, bOff, (long) k * n);
        check("C", c, cOff, (long) m * n);
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
        check("A", a, aOff, (long) m * n);
        check("x", x, xOff, trans ? m : n);
        check("y", y, yOff, trans ? n : m);
        if (m == 0 || n == 0) {
            return;
        }
        BLAS_IMPL.dgemv(trans ? "T" : "N", m, n, alpha, a, aOff, Math.max(1, m), x, xOff, 1, beta, y, yOff, 1);
    }

    private static void check(String name, double[] array, int offset, long needed) {
        if (offset < 0 || offset + needed > array.length) {
            throw new IllegalArgumentException("BLAS operand " + name + " needs " + needed + " values from offset "
                    + offset + " but its array holds " + array.length);
        }
    }
}
