package io.dpnet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Joining consecutive blocks keeps every sample, its label, its global index and, for pixels, the byte format. */
class DataBlockJoinTest {

    private static DataBlock pixels(long first, int n) {
        byte[] px = new byte[n * 3];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                px[i * 3 + j] = (byte) (first + i + 10 * j);
            }
            labels[i] = (int) ((first + i) % 4);
        }
        return DataBlock.ofPixels(first, px, 3, labels);
    }

    @Test
    void consecutiveBlocksBecomeOne() {
        DataBlock joined = DataBlock.join(List.of(pixels(100, 2), pixels(102, 5), pixels(107, 1)));
        assertEquals(100, joined.firstIndex());
        assertEquals(8, joined.size());
        assertTrue(joined.isPixels());
        DataBlock reference = pixels(100, 8);
        for (int i = 0; i < 8; i++) {
            assertEquals(reference.label(i), joined.label(i));
            for (int j = 0; j < 3; j++) {
                assertEquals(reference.feature(i, j), joined.feature(i, j), 0.0);
            }
        }
        // Pieces arriving in another order (as from a shuffle) join the same way.
        DataBlock shuffled = DataBlock.join(List.of(pixels(107, 1), pixels(100, 2), pixels(102, 5)));
        for (int i = 0; i < 8; i++) {
            assertEquals(joined.label(i), shuffled.label(i));
            assertEquals(joined.feature(i, 2), shuffled.feature(i, 2), 0.0);
        }
    }

    @Test
    void aGapOrAnotherWidthIsRefused() {
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class,
                () -> DataBlock.join(List.of(pixels(0, 2), pixels(3, 2))));
        assertTrue(gap.getMessage().contains("expected global index 2"), gap.getMessage());
        DataBlock wide = DataBlock.ofFeatures(new double[4], 4, new int[1]).startingAt(2);
        assertThrows(IllegalArgumentException.class, () -> DataBlock.join(List.of(pixels(0, 2), wide)));
    }
}
