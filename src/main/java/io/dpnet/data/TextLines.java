package io.dpnet.data;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;

/** Feeds the non-blank lines of a UTF-8 text file (gzip or raw) to a parser, with their 1-based line numbers. */
final class TextLines {
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    @FunctionalInterface
    interface LineParser {
        void parse(String line, long number) throws InvalidDataException;
    }

    private TextLines() {
    }

    static void forEach(String location, Configuration conf, LineParser parser) throws IOException {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(DataFiles.open(location, conf), StandardCharsets.UTF_8))) {
            long number = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                number++;
                if (number == 1 && line.startsWith(BYTE_ORDER_MARK)) {
                    line = line.substring(1); // spreadsheet programs start CSV exports with one
                }
                if (!line.isBlank()) {
                    parser.parse(line, number);
                }
            }
        } catch (EOFException | ZipException e) {
            throw Gzip.corrupt(location, e);
        }
    }
}
