package io.dpnet.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.data.DataBlock;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class AugmenterTest {
    private static final int ROWS = 16;
    private static final int COLS = 16;
    private static final int SOURCES = 7;
    private static final DataBlock SOURCE = blobs();

    private static final AugmentSettings AFFINE_ONLY = AugmentSettings.defaults().withElastic(0, 4)
            .withOriginalsFirst(false);

    @Test
    void noneGivesEverySourceImageBack() {
        Augmenter augmenter = new Augmenter(AugmentSettings.none(), 1, SOURCE, ROWS, COLS);

        for (long i = 0; i < 3 * SOURCES; i++) {
            assertArrayEquals(pixels(SOURCE, (int) (i % SOURCES)), image(augmenter, i), "sample " + i);
        }
    }

    @Test
    void originalsFirstGivesTheSourcesThenDistortedCopies() {
        Augmenter augmenter = new Augmenter(AugmentSettings.defaults(), 1, SOURCE, ROWS, COLS);

        for (int i = 0; i < SOURCES; i++) {
            assertArrayEquals(pixels(SOURCE, i), image(augmenter, i));
        }
        for (long i = SOURCES; i < 3 * SOURCES; i++) {
            assertFalse(Arrays.equals(pixels(SOURCE, (int) (i % SOURCES)), image(augmenter, i)), "sample " + i);
        }
    }

    @Test
    void sampleIsMadeFromSourceIndexModuloSourceCountWithItsLabel() {
        Augmenter augmenter = new Augmenter(AugmentSettings.defaults(), 1, SOURCE, ROWS, COLS);

        assertEquals(3, augmenter.sourceIndex(3));
        assertEquals(0, augmenter.sourceIndex(SOURCES));
        assertEquals(5, augmenter.sourceIndex(8_000_000L * SOURCES + 5));
        assertEquals(SOURCE.label(4), augmenter.label(SOURCES + 4));
        assertThrows(IllegalArgumentException.class, () -> augmenter.sourceIndex(-1));
    }

    @Test
    void sameSeedAndIndexGiveTheSameBytesOtherwiseOthers() {
        Augmenter a = new Augmenter(AugmentSettings.defaults(), 42, SOURCE, ROWS, COLS);
        Augmenter b = new Augmenter(AugmentSettings.defaults(), 42, SOURCE, ROWS, COLS);
        Augmenter otherSeed = new Augmenter(AugmentSettings.defaults(), 43, SOURCE, ROWS, COLS);
        long i = 123_456_789L * SOURCES + 2;

        byte[] first = image(a, i);
        image(a, i + SOURCES); // buffers reused in between must not leak into the next sample
        assertArrayEquals(first, image(a, i));
        assertArrayEquals(first, image(b, i));
        assertFalse(Arrays.equals(first, image(a, i + SOURCES)), "same source, next copy");
        assertFalse(Arrays.equals(first, image(otherSeed, i)), "other seed");
    }

    @Test
    void generatingInTwoHalvesEqualsGeneratingAllAtOnce() {
        int n = 30;
        DataBlock whole = new Augmenter(AugmentSettings.defaults(), 9, SOURCE, ROWS, COLS).generate(0, n);
        DataBlock head = new Augmenter(AugmentSettings.defaults(), 9, SOURCE, ROWS, COLS).generate(0, 13);
        DataBlock tail = new Augmenter(AugmentSettings.defaults(), 9, SOURCE, ROWS, COLS).generate(13, n - 13);

        assertEquals(0, head.firstIndex());
        assertEquals(13, tail.firstIndex());
        assertEquals(n, head.size() + tail.size());
        for (int i = 0; i < n; i++) {
            DataBlock part = i < 13 ? head : tail;
            int at = i < 13 ? i : i - 13;
            assertArrayEquals(pixels(whole, i), pixels(part, at), "sample " + i);
            assertEquals(whole.label(i), part.label(at));
        }
    }

    /** Sum of pixels: a rotation or shift of an image well inside the frame moves ink but adds and removes little. */
    @Test
    void smallAffineTransformsRoughlyPreserveMass() {
        AugmentSettings small = AFFINE_ONLY.withScale(1, 1).withMaxRotationDegrees(10).withMaxShear(0.1);
        Augmenter augmenter = new Augmenter(small, 3, SOURCE, ROWS, COLS);

        for (long i = 0; i < 50; i++) {
            double before = mass(pixels(SOURCE, augmenter.sourceIndex(i)));
            double after = mass(image(augmenter, i));
            assertEquals(before, after, 0.05 * before, "sample " + i);
        }
    }

    /**
     * Simard's alpha 34, sigma 4 stretches and squeezes strokes by a third or so (the field's local gradient has a
     * standard deviation near 0.25), so single images gain or lose ink; on average they keep it.
     */
    @Test
    void elasticDistortionPreservesMassOnAverageAndChangesEveryImage() {
        AugmentSettings elastic = AugmentSettings.none().withElastic(34, 4).withElasticProbability(1);
        Augmenter augmenter = new Augmenter(elastic, 4, SOURCE, ROWS, COLS);

        double ratios = 0;
        int n = 200;
        for (long i = 0; i < n; i++) {
            byte[] source = pixels(SOURCE, augmenter.sourceIndex(i));
            byte[] out = image(augmenter, i);
            assertFalse(Arrays.equals(source, out), "sample " + i);
            double ratio = mass(out) / mass(source);
            assertTrue(ratio > 0.3 && ratio < 3, "sample " + i + " mass ratio " + ratio);
            ratios += ratio;
        }
        assertEquals(1.0, ratios / n, 0.1, "mean mass ratio");
    }

    @Test
    void elasticProbabilityZeroMeansAffineOnly() {
        Augmenter affine = new Augmenter(AFFINE_ONLY, 5, SOURCE, ROWS, COLS);
        Augmenter neverElastic = new Augmenter(AFFINE_ONLY.withElastic(34, 4).withElasticProbability(0), 5, SOURCE,
                ROWS, COLS);
        Augmenter alwaysElastic = new Augmenter(AFFINE_ONLY.withElastic(34, 4), 5, SOURCE, ROWS, COLS);

        assertArrayEquals(image(affine, 11), image(neverElastic, 11));
        assertFalse(Arrays.equals(image(affine, 11), image(alwaysElastic, 11)));
    }

    /**
     * A fingerprint of a generated set. If it changes, every data set generated with a given seed changes: bump it
     * only on purpose (and say so), never to make a refactoring pass.
     */
    @Test
    void generatedBytesAreStableAcrossVersions() {
        DataBlock block = new Augmenter(AugmentSettings.defaults(), 2024, SOURCE, ROWS, COLS).generate(5, 20);
        CRC32 crc = new CRC32();
        for (int i = 0; i < block.size(); i++) {
            crc.update(pixels(block, i));
        }

        assertEquals(1484899496L, crc.getValue());
    }

    @Test
    void rejectsSourcesOfTheWrongShape() {
        assertEquals("images of 4x4 pixels do not match the source's 256 features per sample",
                assertThrows(IllegalArgumentException.class,
                        () -> new Augmenter(AugmentSettings.defaults(), 1, SOURCE, 4, 4)).getMessage());
        DataBlock doubles = DataBlock.ofFeatures(new double[4], 4, new int[] {1});
        assertEquals("augmentation needs pixel images, the source block holds doubles",
                assertThrows(IllegalArgumentException.class,
                        () -> new Augmenter(AugmentSettings.defaults(), 1, doubles, 2, 2)).getMessage());
    }

    /** Seven soft strokes of different shapes well inside a 16x16 frame, labelled 0..6. */
    static DataBlock blobs() {
        byte[] pixels = new byte[SOURCES * ROWS * COLS];
        int[] labels = new int[SOURCES];
        for (int s = 0; s < SOURCES; s++) {
            labels[s] = s;
            double angle = s * Math.PI / SOURCES;
            for (int y = 0; y < ROWS; y++) {
                for (int x = 0; x < COLS; x++) {
                    // Distance from a 6-pixel segment through the centre at the given angle.
                    double u = (x - 7.5) * Math.cos(angle) + (y - 7.5) * Math.sin(angle);
                    double v = -(x - 7.5) * Math.sin(angle) + (y - 7.5) * Math.cos(angle);
                    double along = Math.max(0, Math.abs(u) - 3);
                    double d2 = along * along + v * v;
                    pixels[(s * ROWS + y) * COLS + x] = (byte) Math.round(255 * Math.exp(-d2 / 2.0));
                }
            }
        }
        return DataBlock.ofPixels(pixels, ROWS * COLS, labels);
    }

    private static byte[] image(Augmenter augmenter, long index) {
        byte[] out = new byte[ROWS * COLS];
        augmenter.augment(index, out, 0);
        return out;
    }

    private static byte[] pixels(DataBlock block, int i) {
        byte[] out = new byte[block.featureCount()];
        block.copyPixels(i, out, 0);
        return out;
    }

    private static double mass(byte[] image) {
        double sum = 0;
        for (byte b : image) {
            sum += b & 0xff;
        }
        return sum;
    }
}
