package io.dpnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dpnet.data.DataBlock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** The cut of global indices into partitions is DataBlock.split's, and slicing follows it. */
class ContiguousRangesTest {

    @Test
    void rangesAreThoseOfDataBlockSplit() {
        for (int total : new int[] {1, 2, 7, 10, 101}) {
            for (int parts = 1; parts <= Math.min(total, 8); parts++) {
                ContiguousRanges ranges = new ContiguousRanges(total, parts);
                DataBlock block = DataBlock.ofFeatures(new double[total], 1, new int[total]);
                List<DataBlock> split = block.split(parts);
                for (int r = 0; r < parts; r++) {
                    assertEquals(split.get(r).firstIndex(), ranges.start(r));
                    assertEquals(split.get(r).firstIndex() + split.get(r).size(), ranges.end(r));
                    for (long i = ranges.start(r); i < ranges.end(r); i++) {
                        assertEquals(r, ranges.rangeOf(i), "index " + i + " of " + total + " in " + parts);
                    }
                }
            }
        }
    }

    @Test
    void aBlockIsCutWhereRangesBegin() {
        ContiguousRanges ranges = new ContiguousRanges(10, 3); // [0,4) [4,7) [7,10)
        int[] labels = {0, 1, 2, 3, 4};
        DataBlock block = DataBlock.ofFeatures(new double[] {0, 1, 2, 3, 4}, 1, labels).startingAt(3);
        List<Tuple2<Integer, DataBlock>> pieces = new ArrayList<>();
        ranges.slices(block).forEachRemaining(pieces::add);
        assertEquals(3, pieces.size());
        assertEquals(List.of(0, 1, 2), pieces.stream().map(Tuple2::_1).toList());
        assertEquals(List.of(3L, 4L, 7L), pieces.stream().map(p -> p._2().firstIndex()).toList());
        assertEquals(List.of(1, 3, 1), pieces.stream().map(p -> p._2().size()).toList());
        assertEquals(4, pieces.get(2)._2().label(0));
        assertEquals(2, ranges.getPartition(2));
    }

    @Test
    void everyRangeHoldsASample() {
        assertThrows(IllegalArgumentException.class, () -> new ContiguousRanges(2, 3));
        assertThrows(IllegalArgumentException.class, () -> new ContiguousRanges(2, 0));
    }
}
