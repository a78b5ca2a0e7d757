package io.dpnet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvReaderTest {
    private final CsvReader reader = new CsvReader();

    @TempDir
    Path dir;

    @Test
    void skipsDetectedHeaderAndReadsFeaturesAsDoubles() throws IOException {
        DataBlock block = reader.read(Fixtures.path("csv/header.csv"));

        assertEquals(2, block.size());
        assertEquals(3, block.featureCount());
        assertFalse(block.isPixels());
        assertEquals(1, block.label(0));
        assertEquals(0, block.label(1));
        assertEquals(0.5, block.feature(0, 0));
        assertEquals(3.0, block.feature(0, 2));
    }

    @Test
    void readsFileWithoutHeaderSkippingBlankLinesAndCarriageReturns() throws IOException {
        Path csv = Fixtures.writeText(dir.resolve("plain.csv"), "3,1.5,-2\r\n\r\n  \n4, 7 ,8");

        DataBlock block = reader.read(csv.toString());

        assertEquals(2, block.size());
        assertEquals(4, block.label(1));
        assertEquals(-2.0, block.feature(0, 1));
        assertEquals(7.0, block.feature(1, 0));
    }

    @Test
    void readsLabelFromAnyColumnAndDividesByScale() throws IOException {
        Path csv = Fixtures.writeText(dir.resolve("last.csv"), "255,51,2\n0,102,1.0\n");

        DataBlock block = reader.withLabelColumn(2).withScale(255).read(csv.toUri().toString());

        assertEquals(2, block.featureCount());
        assertEquals(2, block.label(0));
        assertEquals(1, block.label(1));
        assertEquals(1.0, block.feature(0, 0));
        assertEquals(0.2, block.feature(0, 1), 1e-15);
        assertEquals(0.4, block.feature(1, 1), 1e-15);
    }

    @Test
    void readsGzipAndSkipsByteOrderMark() throws IOException {
        byte[] text = "\uFEFFlabel,a\n1,2\n".getBytes(StandardCharsets.UTF_8);
        Path csv = Fixtures.writeGzip(dir.resolve("data.csv"), text);

        DataBlock block = reader.read(csv.toString());

        assertEquals(1, block.size());
        assertEquals(2.0, block.feature(0, 0));
    }

    @Test
    void treatsPartlyNumericFirstLineAsDataUnlessHeaderIsDeclared() throws IOException {
        Path csv = Fixtures.writeText(dir.resolve("numbered.csv"), "y,0,1\n1,2,3\n");

        InvalidDataException e = assertThrows(InvalidDataException.class, () -> reader.read(csv.toString()));
        assertEquals(csv + " line 1: label is not a number: 'y'", e.getMessage());

        DataBlock block = reader.withHeader(CsvReader.Header.PRESENT).read(csv.toString());
        assertEquals(1, block.size());
    }

    @Test
    void readsNumericFirstLineAsDataWhenHeaderIsDeclaredAbsent() throws IOException {
        Path csv = Fixtures.writeText(dir.resolve("numbers.csv"), "1,2,3\n0,4,5\n");

        assertEquals(2, reader.withHeader(CsvReader.Header.ABSENT).read(csv.toString()).size());
        assertEquals(1, reader.withHeader(CsvReader.Header.PRESENT).read(csv.toString()).size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ragged.csv | {file} line 3: ragged row: 5 fields, expected 4 as on line 1",
        "nan.csv | {file} line 2: column 3 is NaN: feature values must be finite",
        "infinite.csv | {file} line 2: column 4 is Infinity: feature values must be finite",
        "non-numeric.csv | {file} line 2: column 4 is not a number: 'x'",
        "fractional-label.csv | {file} line 2: label 1.5 is not a whole number: classes must be numbered 0..K-1",
        "negative-label.csv | {file} line 2: label -1 is negative: classes must be numbered 0..K-1",
        "empty.csv | {file}: no samples (the file is empty)",
        "header-only.csv | {file}: no samples (only a header line)",
    })
    void rejectsCorruptFixtures(String name, String expected) {
        String file = Fixtures.path("csv/" + name);

        InvalidDataException e = assertThrows(InvalidDataException.class, () -> reader.read(file));

        assertEquals(expected.replace("{file}", file), e.getMessage());
    }

    @Test
    void rejectsLabelColumnBeyondTheRow() {
        String file = Fixtures.path("csv/header.csv");

        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> reader.withLabelColumn(7).read(file));

        assertEquals(file + " line 2: 4 fields, so there is no label column 7 (counted from 0)", e.getMessage());
    }

    @Test
    void rejectsLabelsWithoutFeaturesAndEmptyFields() {
        Path labelsOnly = Fixtures.writeText(dir.resolve("labels.csv"), "1\n2\n");
        Path gap = Fixtures.writeText(dir.resolve("gap.csv"), "1,2,,4\n");

        assertEquals(labelsOnly + " line 1: a label but no features",
                assertThrows(InvalidDataException.class, () -> reader.read(labelsOnly.toString())).getMessage());
        assertEquals(gap + " line 1: column 3 is empty",
                assertThrows(InvalidDataException.class, () -> reader.read(gap.toString())).getMessage());
    }

    @Test
    void rejectsTruncatedGzip() {
        byte[] gzip = Fixtures.gzip("1,2,3\n".repeat(2000).getBytes(StandardCharsets.UTF_8));
        Path csv = Fixtures.write(dir.resolve("cut.csv.gz"), Arrays.copyOf(gzip, gzip.length - 10));

        InvalidDataException e = assertThrows(InvalidDataException.class, () -> reader.read(csv.toString()));

        assertTrue(e.getMessage().startsWith(csv + ": truncated or corrupt gzip data ("), e.getMessage());
    }

    @Test
    void namesMissingFile() {
        String missing = dir.resolve("absent.csv").toString();

        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> reader.read(missing));

        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> reader.withLabelColumn(-1));
        assertThrows(IllegalArgumentException.class, () -> reader.withScale(0));
        assertThrows(IllegalArgumentException.class, () -> reader.withScale(Double.NaN));
    }
}
