package io.dpnet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LibsvmReaderTest {
    private static final String VALID = Fixtures.path("libsvm/valid.txt");

    private final LibsvmReader reader = new LibsvmReader();

    @TempDir
    Path dir;

    @Test
    void readsSparseLinesDenselyInferringFeatureCount() throws IOException {
        DataBlock block = reader.read(VALID);

        assertEquals(3, block.size());
        assertEquals(3, block.featureCount());
        assertEquals(1, block.label(0));
        assertEquals(0, block.label(1));
        assertEquals(2, block.label(2));
        assertEquals(0.5, block.feature(0, 0));
        assertEquals(0.0, block.feature(0, 1));
        assertEquals(2.0, block.feature(0, 2));
        assertEquals(0.0, block.feature(1, 0));
        assertEquals(1.5, block.feature(1, 1));
        assertEquals(3.0, block.feature(2, 2));
    }

    @Test
    void padsToGivenFeatureCount() throws IOException {
        DataBlock block = reader.withFeatureCount(5).read(VALID);

        assertEquals(5, block.featureCount());
        assertEquals(2.0, block.feature(0, 2));
        assertEquals(0.0, block.feature(2, 4));
    }

    @Test
    void rejectsIndexBeyondGivenFeatureCount() {
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> reader.withFeatureCount(2).read(VALID));

        assertEquals(VALID + " line 1: feature index 3 exceeds the feature count 2", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "zero-index.txt | {file} line 2: feature index 0 is not positive: indices start at 1",
        "non-ascending.txt | {file} line 2: feature index 2 follows 3: indices must ascend strictly",
        "nan.txt | {file} line 2: feature 2 is NaN: feature values must be finite",
        "fractional-label.txt | {file} line 2: label 1.5 is not a whole number: classes must be numbered 0..K-1",
        "negative-label.txt | {file} line 2: label -1 is negative: classes must be numbered 0..K-1",
        "missing-colon.txt | {file} line 2: '2=1' is not index:value",
    })
    void rejectsCorruptFixtures(String name, String expected) {
        String file = Fixtures.path("libsvm/" + name);

        InvalidDataException e = assertThrows(InvalidDataException.class, () -> reader.read(file));

        assertEquals(expected.replace("{file}", file), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1 2:1 2:3 | {file} line 1: feature index 2 follows 2: indices must ascend strictly",
        "1 a:1 | {file} line 1: feature index 'a' is not an integer",
        "1 3: | {file} line 1: feature 3 is empty",
        "x 1:1 | {file} line 1: label is not a number: 'x'",
        "1 | {file}: no feature on any line, so the feature count is unknown",
        "# only a comment | {file}: no samples (the file is empty)",
    })
    void rejectsMalformedLines(String line, String expected) {
        Path file = Fixtures.writeText(dir.resolve("data.libsvm"), line + "\n");

        InvalidDataException e = assertThrows(InvalidDataException.class, () -> reader.read(file.toString()));

        assertEquals(expected.replace("{file}", file.toString()), e.getMessage());
    }

    @Test
    void rejectsNonPositiveFeatureCount() {
        assertThrows(IllegalArgumentException.class, () -> reader.withFeatureCount(0));
    }
}
