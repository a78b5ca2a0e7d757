package io.dpnet.data;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DataCheckTest {

    private static DataBlock blockWithLabels(int[] labels, int featureCount) {
        return DataBlock.ofFeatures(new double[labels.length * featureCount], featureCount, labels);
    }

    @Test
    void namesFirstLabelOutOfRangeByGlobalIndex() {
        int[] labels = new int[1000];
        labels[345] = 12;
        DataBlock slice = blockWithLabels(labels, 1).slice(300, 400);

        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> DataCheck.labelsInRange(slice, 10, "train.csv"));

        assertEquals("train.csv: labels must be in 0..9, found 12 at sample 345", e.getMessage());
    }

    @Test
    void rejectsNegativeLabel() {
        DataBlock block = blockWithLabels(new int[] {0, -1}, 1);

        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> DataCheck.labelsInRange(block, 2, "data"));

        assertEquals("data: labels must be in 0..1, found -1 at sample 1", e.getMessage());
    }

    @Test
    void rejectsFeatureCountOtherThanInputSize() {
        DataBlock block = blockWithLabels(new int[] {1}, 784);

        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> DataCheck.fitsNetwork(block, 100, 10, "mnist"));

        assertEquals("mnist: data has 784 features but the network takes 100", e.getMessage());
    }

    @Test
    void acceptsFittingData() {
        DataBlock block = blockWithLabels(new int[] {0, 9, 3}, 4);

        assertDoesNotThrow(() -> DataCheck.fitsNetwork(block, 4, 10, "data"));
        assertThrows(IllegalArgumentException.class, () -> DataCheck.labelsInRange(block, 0, "data"));
    }
}
