package io.dpnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class WindowedOrderTest {
    private static final long[] COUNTS = {37, 50, 13, 50, 22, 1};

    @Test
    void isAPermutationThatKeepsEachSliceInItsWindow() {
        int slice = 8;
        WindowedOrder order = new WindowedOrder(COUNTS, slice, 11, 2);
        assertEquals(7, order.windows(), "50 samples in slices of 8");
        assertEquals(173, order.windowStart(order.windows()));
        BitSet seen = new BitSet();
        for (int k = 0; k < COUNTS.length; k++) {
            for (int i = 0; i < COUNTS[k]; i++) {
                int j = i / slice;
                long p = order.position(j, order.sliceOffset(k, j) + i - (long) j * slice);
                assertTrue(p >= order.windowStart(j) && p < order.windowStart(j + 1),
                        "shard " + k + " sample " + i + " at " + p + ", outside window " + j);
                assertEquals(j, order.windowOf(p));
                assertTrue(!seen.get((int) p), "position " + p + " taken twice");
                seen.set((int) p);
            }
        }
        assertEquals(173, seen.cardinality());
    }

    @Test
    void shufflesWithinWindowsDifferentlyEachEpoch() {
        WindowedOrder a = new WindowedOrder(COUNTS, 50, 11, 0);
        WindowedOrder b = new WindowedOrder(COUNTS, 50, 11, 1);
        assertEquals(1, a.windows());
        int moved = 0;
        int changed = 0;
        for (int offset = 0; offset < 173; offset++) {
            moved += a.position(0, offset) != offset ? 1 : 0;
            changed += a.position(0, offset) != b.position(0, offset) ? 1 : 0;
        }
        assertTrue(moved > 150 && changed > 150, moved + " moved, " + changed + " changed between epochs");
        assertEquals(a.position(0, 17), new WindowedOrder(COUNTS, 50, 11, 0).position(0, 17));
    }
}
