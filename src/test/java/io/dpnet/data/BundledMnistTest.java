package io.dpnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BundledMnistTest {
    private static MnistData data;

    @BeforeAll
    static void load() throws IOException {
        data = BundledMnist.load();
    }

    @Test
    void holdsFirstTenThousandTrainingAndTwoThousandTestDigits() throws InvalidDataException {
        assertEquals(BundledMnist.TRAIN_SIZE, data.train().size());
        assertEquals(BundledMnist.TEST_SIZE, data.test().size());
        assertEquals(10_000, data.train().size());
        assertEquals(2_000, data.test().size());
        assertArrayEquals(new int[] {1, 28, 28}, data.imageShape());
        assertEquals(784, data.train().featureCount());
        assertTrue(data.train().isPixels());
        DataCheck.fitsNetwork(data.train(), 784, 10, "bundled train");
        DataCheck.fitsNetwork(data.test(), 784, 10, "bundled test");
        // The first digits of the official files, so the subset is a prefix and not a sample.
        assertArrayEquals(new int[] {5, 0, 4, 1, 9}, firstLabels(data.train(), 5));
        assertArrayEquals(new int[] {7, 2, 1, 0, 4}, firstLabels(data.test(), 5));
    }

    @Test
    void hasEveryDigitInBothSets() {
        for (DataBlock block : new DataBlock[] {data.train(), data.test()}) {
            int[] perClass = new int[10];
            for (int i = 0; i < block.size(); i++) {
                perClass[block.label(i)]++;
            }
            for (int digit = 0; digit < 10; digit++) {
                assertTrue(perClass[digit] > block.size() / 20, "digit " + digit + ": " + perClass[digit]);
            }
        }
    }

    @Test
    void equalsWhatTheDirectoryReaderReadsFromTheSameFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(BundledMnist.class.getResource("/io/dpnet/data/mnist-subset/").toURI());

        MnistData fromDirectory = new MnistIdxReader().readDirectory(dir.toString());

        assertEquals(data.rows(), fromDirectory.rows());
        assertEquals(data.cols(), fromDirectory.cols());
        assertSameSamples(data.train(), fromDirectory.train());
        assertSameSamples(data.test(), fromDirectory.test());
    }

    private static int[] firstLabels(DataBlock block, int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = block.label(i);
        }
        return labels;
    }

    private static void assertSameSamples(DataBlock expected, DataBlock actual) {
        assertEquals(expected.size(), actual.size());
        double[] a = new double[expected.featureCount()];
        double[] b = new double[expected.featureCount()];
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.label(i), actual.label(i));
            expected.copyFeatures(i, a, 0);
            actual.copyFeatures(i, b, 0);
            assertArrayEquals(a, b);
        }
    }
}
