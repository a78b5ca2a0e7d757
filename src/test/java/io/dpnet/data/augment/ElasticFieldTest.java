package io.dpnet.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ElasticFieldTest {
    private static final int ROWS = 28;
    private static final int COLS = 28;

    @Test
    void kernelIsANormalizedGaussian() {
        double[] k = ElasticField.gaussian(4, 12);

        assertEquals(25, k.length);
        assertEquals(1.0, Arrays.stream(k).sum(), 1e-12);
        assertEquals(k[11], k[13], 0);
        assertEquals(Math.exp(-1 / 32.0), k[13] / k[12], 1e-12);
    }

    @Test
    void fieldIsBoundedByAlphaAndHasTheExpectedSpread() {
        double alpha = 34;
        double sigma = 4;
        ElasticField field = new ElasticField(ROWS, COLS, sigma);
        SampleRandom random = new SampleRandom();
        double sumSquares = 0;
        int n = 0;
        for (int f = 0; f < 20; f++) {
            double[] dx = new double[ROWS * COLS];
            double[] dy = new double[ROWS * COLS];
            random.reset(1, f);
            field.fill(random, alpha, dx, dy);
            for (int p = 0; p < dx.length; p++) {
                assertTrue(Math.abs(dx[p]) <= alpha && Math.abs(dy[p]) <= alpha, "displacement beyond alpha");
                sumSquares += dx[p] * dx[p] + dy[p] * dy[p];
                n += 2;
            }
        }
        // Uniform noise has variance 1/3; a normalized kernel k leaves (sum k_i^2)^2 of it in 2D.
        double kernelSquares = Arrays.stream(ElasticField.gaussian(sigma, 12)).map(v -> v * v).sum();
        double expected = alpha * Math.sqrt(1 / 3.0) * kernelSquares;
        double rms = Math.sqrt(sumSquares / n);
        assertEquals(expected, rms, 0.2 * expected, "rms displacement");
        assertTrue(rms > 0.8, "a visible distortion: rms " + rms + " pixels");
    }

    /** Neighbouring displacements of smoothed noise differ far less than the displacements themselves. */
    @Test
    void fieldIsSmooth() {
        ElasticField field = new ElasticField(ROWS, COLS, 4);
        SampleRandom random = new SampleRandom();
        random.reset(2, 3);
        double[] dx = new double[ROWS * COLS];
        double[] dy = new double[ROWS * COLS];
        field.fill(random, 34, dx, dy);

        for (double[] d : new double[][] {dx, dy}) {
            double size = 0;
            double alongRows = 0;
            double alongCols = 0;
            for (int y = 0; y < ROWS - 1; y++) {
                for (int x = 0; x < COLS - 1; x++) {
                    int p = y * COLS + x;
                    size += Math.abs(d[p]);
                    alongRows += Math.abs(d[p + 1] - d[p]);
                    alongCols += Math.abs(d[p + COLS] - d[p]);
                }
            }
            // Unsmoothed noise would give ratios near 1.4; a Gaussian of sigma 4 gives about 0.18.
            assertTrue(alongRows < 0.3 * size, "rough along rows: " + alongRows / size);
            assertTrue(alongCols < 0.3 * size, "rough along columns: " + alongCols / size);
        }
    }

    @Test
    void sameStreamGivesTheSameFieldAndAnotherStreamAnother() {
        ElasticField field = new ElasticField(10, 12, 3);
        double[][] a = fill(field, 7, 1);
        double[][] b = fill(new ElasticField(10, 12, 3), 7, 1);
        double[][] c = fill(field, 7, 2);

        assertArrayEquals(a[0], b[0]);
        assertArrayEquals(a[1], b[1]);
        assertFalse(Arrays.equals(a[0], c[0]));
        assertFalse(Arrays.equals(a[0], a[1]), "dx and dy must be independent");
    }

    private static double[][] fill(ElasticField field, long seed, long index) {
        SampleRandom random = new SampleRandom();
        random.reset(seed, index);
        double[] dx = new double[10 * 12];
        double[] dy = new double[10 * 12];
        field.fill(random, 10, dx, dy);
        return new double[][] {dx, dy};
    }
}
