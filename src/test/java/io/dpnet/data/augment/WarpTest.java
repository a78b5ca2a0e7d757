package io.dpnet.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WarpTest {

    @Test
    void identityMapGivesTheInputBack() {
        byte[] src = randomImage(9, 7, 1);

        byte[] out = warp(src, 9, 7, AffineMap.inverseOf(0, 1, 0, 0, 0, 9, 7));

        assertArrayEquals(src, out);
    }

    @Test
    void shiftOfOnePixelMovesThePatternByOnePixel() {
        byte[] src = new byte[5 * 6];
        set(src, 6, 2, 1, 200);
        set(src, 6, 3, 1, 100);
        set(src, 6, 2, 2, 50);

        byte[] right = warp(src, 5, 6, AffineMap.inverseOf(0, 1, 0, 1, 0, 5, 6));
        byte[] down = warp(src, 5, 6, AffineMap.inverseOf(0, 1, 0, 0, 1, 5, 6));

        byte[] expectedRight = new byte[5 * 6];
        set(expectedRight, 6, 3, 1, 200);
        set(expectedRight, 6, 4, 1, 100);
        set(expectedRight, 6, 3, 2, 50);
        assertArrayEquals(expectedRight, right);
        byte[] expectedDown = new byte[5 * 6];
        set(expectedDown, 6, 2, 2, 200);
        set(expectedDown, 6, 3, 2, 100);
        set(expectedDown, 6, 2, 3, 50);
        assertArrayEquals(expectedDown, down);
    }

    /** A quarter turn maps the pixel grid onto itself, so every pixel must land exactly where the rotation says. */
    @ParameterizedTest
    @ValueSource(ints = {5, 6})
    void quarterTurnMovesEveryPixelClockwiseOnScreen(int size) {
        byte[] src = randomImage(size, size, 2);
        double c = (size - 1) / 2.0;

        byte[] out = warp(src, size, size, AffineMap.inverseOf(Math.PI / 2, 1, 0, 0, 0, size, size));

        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                // (x - c, y - c) goes to (-(y - c), x - c): right of the centre goes below it.
                int toX = (int) Math.round(c - (y - c));
                int toY = (int) Math.round(c + (x - c));
                assertEquals(src[y * size + x], out[toY * size + toX], "pixel (" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void scalingAboutTheCentreInterpolatesBilinearly() {
        byte[] src = new byte[5 * 5];
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                set(src, 5, x, y, 10 * x + 40 * y);
            }
        }

        byte[] out = warp(src, 5, 5, AffineMap.inverseOf(0, 2, 0, 0, 0, 5, 5));

        // Output (3, 2) shows the source half a pixel right of the centre; (3, 3) half a pixel right and down.
        assertEquals(25 + 80, out[2 * 5 + 3] & 0xff);
        assertEquals(25 + 100, out[3 * 5 + 3] & 0xff);
        assertEquals(20 + 80, out[2 * 5 + 2] & 0xff);
    }

    @Test
    void shearMovesRowsBelowTheCentreToTheRight() {
        byte[] src = randomImage(5, 5, 3);

        byte[] out = warp(src, 5, 5, AffineMap.inverseOf(0, 1, Math.atan(1), 0, 0, 5, 5));

        // x' = x + (y - centre): the centre row stays, the row below moves one pixel right.
        assertEquals(src[2 * 5 + 1], out[2 * 5 + 1]);
        assertEquals(src[3 * 5 + 1], out[3 * 5 + 2]);
        assertEquals(src[1 * 5 + 3], out[1 * 5 + 2]);
    }

    @Test
    void samplesStayInByteRangeAndAreZeroOutsideTheImage() {
        byte[] src = randomImage(8, 8, 4);
        Random random = new Random(5);
        for (int k = 0; k < 10_000; k++) {
            int v = Warp.sample(src, 0, 8, 8, random.nextDouble() * 12 - 2, random.nextDouble() * 12 - 2);
            assertTrue(v >= 0 && v <= 255, "sample " + v);
        }
        assertEquals(0, Warp.sample(src, 0, 8, 8, -1.0, 3.0));
        assertEquals(0, Warp.sample(src, 0, 8, 8, 3.0, 8.0));
        assertEquals(src[3 * 8 + 7] & 0xff, Warp.sample(src, 0, 8, 8, 7.0, 3.0));
    }

    @Test
    void whiteImageStaysWhiteInsideWithoutWrappingAround() {
        byte[] src = new byte[16 * 16];
        java.util.Arrays.fill(src, (byte) 255);

        byte[] out = warp(src, 16, 16, AffineMap.inverseOf(0.2, 1.05, 0.1, 0.7, -0.3, 16, 16));

        for (int y = 4; y < 12; y++) {
            for (int x = 4; x < 12; x++) {
                assertEquals(255, out[y * 16 + x] & 0xff, "pixel (" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void displacementFieldIsAddedBeforeTheAffineMap() {
        byte[] src = randomImage(4, 4, 6);
        double[] dx = new double[16];
        double[] dy = new double[16];
        java.util.Arrays.fill(dx, 1.0);

        byte[] out = new byte[16];
        Warp.apply(src, 0, 4, 4, AffineMap.IDENTITY, dx, dy, out, 0);

        // Each output pixel shows the source one pixel to its right: the image moves left.
        assertEquals(src[1 * 4 + 2], out[1 * 4 + 1]);
        assertEquals(0, out[1 * 4 + 3]);
    }

    static byte[] warp(byte[] src, int rows, int cols, AffineMap map) {
        byte[] out = new byte[rows * cols];
        Warp.apply(src, 0, rows, cols, map, null, null, out, 0);
        return out;
    }

    static byte[] randomImage(int rows, int cols, long seed) {
        byte[] image = new byte[rows * cols];
        new Random(seed).nextBytes(image);
        return image;
    }

    private static void set(byte[] image, int cols, int x, int y, int value) {
        image[y * cols + x] = (byte) value;
    }
}
