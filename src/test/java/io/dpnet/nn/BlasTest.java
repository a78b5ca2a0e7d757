package io.dpnet.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The BLAS facade against a naive triple loop, in all four transpose combinations, with offsets. */
class BlasTest {

    @Test
    void gemmMatchesNaiveProduct() {
        Random rng = new Random(7);
        int m = 5;
        int n = 4;
        int k = 3;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                double[] a = random(rng, 2 + m * k);
                double[] b = random(rng, 3 + k * n);
                double[] c = random(rng, 1 + m * n);
                double[] expected = c.clone();
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int p = 0; p < k; p++) {
                            double av = ta ? a[2 + p + i * k] : a[2 + i + p * m];
                            double bv = tb ? b[3 + j + p * n] : b[3 + p + j * k];
                            s += av * bv;
                        }
                        expected[1 + i + j * m] = 2.0 * s + 0.5 * c[1 + i + j * m];
                    }
                }
                Blas.gemm(ta, tb, m, n, k, 2.0, a, 2, b, 3, 0.5, c, 1);
                for (int i = 0; i < c.length; i++) {
                    assertEquals(expected[i], c[i], 1e-12, "transA=" + ta + " transB=" + tb + " at " + i);
                }
            }
        }
    }

    @Test
    void shapeMismatchNamesTheOperand() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Blas.gemm(false, false, 3, 3, 3, 1, new double[9], 0, new double[8], 0, 0, new double[9], 0));
        assertTrue(e.getMessage().contains("operand B needs 9"), e.getMessage());
    }

    @Test
    void reportsItsImplementation() {
        assertTrue(Blas.implementationName().startsWith("dev.ludovic.netlib.blas."), Blas.implementationName());
    }

    /**
     * On Linux x86-64 and aarch64 (CI's machines, with no BLAS installed) the OpenBLAS that comes with the build
     * serves, unless the run chose another library.
     */
    @Test
    void theBundledOpenBlasServesOnLinux() {
        String arch = System.getProperty("os.arch");
        assumeTrue(System.getProperty("os.name").equals("Linux") && (arch.equals("amd64") || arch.equals("aarch64")));
        assumeTrue(System.getProperty(Blas.CHOICE) == null, "the run chose its BLAS");
        assertTrue(Blas.isNative(), Blas.description());
        assertTrue(Blas.description().contains("OpenBLAS bundled with dpnet"), Blas.description());
    }

    private static double[] random(Random rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }
}
