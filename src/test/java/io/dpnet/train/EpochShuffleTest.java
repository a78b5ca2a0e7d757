package io.dpnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EpochShuffleTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 7, 100, 1000, 4096, 60_000})
    void isAPermutation(long n) {
        EpochShuffle shuffle = new EpochShuffle(n, 17, 3);
        BitSet seen = new BitSet();
        for (long i = 0; i < n; i++) {
            long p = shuffle.position(i);
            assertTrue(p >= 0 && p < n, "position " + p + " out of [0," + n + ")");
            assertTrue(!seen.get((int) p), "position " + p + " taken twice");
            seen.set((int) p);
        }
        assertEquals(n, seen.cardinality());
    }

    @Test
    void dependsOnSeedAndEpochOnly() {
        EpochShuffle a = new EpochShuffle(1000, 1, 0);
        assertEquals(a.position(123), new EpochShuffle(1000, 1, 0).position(123));
        int differentEpoch = 0;
        int differentSeed = 0;
        int moved = 0;
        for (int i = 0; i < 1000; i++) {
            differentEpoch += a.position(i) != new EpochShuffle(1000, 1, 1).position(i) ? 1 : 0;
            differentSeed += a.position(i) != new EpochShuffle(1000, 2, 0).position(i) ? 1 : 0;
            moved += a.position(i) != i ? 1 : 0;
        }
        assertTrue(differentEpoch > 900 && differentSeed > 900 && moved > 900,
                differentEpoch + " " + differentSeed + " " + moved);
        assertNotEquals(a.position(0), a.position(1));
    }
}
