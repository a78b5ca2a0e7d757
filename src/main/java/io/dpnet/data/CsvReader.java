package io.dpnet.data;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads comma-separated samples, one per line: an integer class label in one column and numeric features in the
 * others. Blank lines are skipped; every data line must have the same number of fields. Immutable: the
 * {@code with...} methods return a changed copy.
 */
public final class CsvReader {
    /** Whether the first line names the columns. */
    public enum Header {
        /** A header when none of its fields reads as a number, so a damaged first data line still fails loudly. */
        AUTO,
        PRESENT,
        ABSENT
    }

    private final Configuration conf;
    private final int labelColumn;
    private final Header header;
    private final double scale;

    public CsvReader() {
        this(new Configuration());
    }

    public CsvReader(Configuration conf) {
        this(conf, 0, Header.AUTO, 1.0);
    }

    private CsvReader(Configuration conf, int labelColumn, Header header, double scale) {
        this.conf = conf;
        this.labelColumn = labelColumn;
        this.header = header;
        this.scale = scale;
    }

    /** The 0-based column that holds the label (default 0, the first). */
    public CsvReader withLabelColumn(int column) {
        if (column < 0) {
            throw new IllegalArgumentException("label column must be 0 or more, got " + column);
        }
        return new CsvReader(conf, column, header, scale);
    }

    public CsvReader withHeader(Header header) {
        return new CsvReader(conf, labelColumn, header, scale);
    }

    /** Divides every feature by {@code scale}, e.g. 255 for pixel values 0..255 (default 1: left as they are). */
    public CsvReader withScale(double scale) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
        }
        return new CsvReader(conf, labelColumn, header, scale);
    }

    public DataBlock read(String location) throws IOException {
        Parser parser = new Parser(location);
        TextLines.forEach(location, conf, parser);
        return parser.block();
    }

    /** The state of one read: fills flat arrays as lines arrive. */
    private final class Parser implements TextLines.LineParser {
        private final String source;
        private final DoubleList features = new DoubleList();
        private final IntList labels = new IntList();
        private boolean firstLineSeen;
        private boolean headerSkipped;
        private int fieldCount = -1;
        private long firstDataLine;

        Parser(String source) {
            this.source = source;
        }

        @Override
        public void parse(String line, long number) throws InvalidDataException {
            if (!firstLineSeen) {
                firstLineSeen = true;
                if (header == Header.PRESENT || header == Header.AUTO && isHeader(line)) {
                    headerSkipped = true;
                    return;
                }
            }
            int fields = countFields(line);
            if (fieldCount < 0) {
                checkFirstRow(fields, number);
                fieldCount = fields;
                firstDataLine = number;
            } else if (fields != fieldCount) {
                throw InvalidDataException.atLine(source, number, "ragged row: " + fields + " fields, expected "
                        + fieldCount + " as on line " + firstDataLine);
            }
            int start = 0;
            for (int column = 0; column < fields; column++) {
                int end = line.indexOf(',', start);
                String token = line.substring(start, end < 0 ? line.length() : end);
                if (column == labelColumn) {
                    labels.add(TextValues.label(token, source, number));
                } else {
                    features.add(TextValues.feature(token, "column", column + 1, source, number) / scale);
                }
                start = end + 1;
            }
        }

        private void checkFirstRow(int fields, long number) throws InvalidDataException {
            if (labelColumn >= fields) {
                throw InvalidDataException.atLine(source, number, fields + " fields, so there is no label column "
                        + labelColumn + " (counted from 0)");
            }
            if (fields < 2) {
                throw InvalidDataException.atLine(source, number, "a label but no features");
            }
        }

        DataBlock block() throws InvalidDataException {
            if (labels.size() == 0) {
                throw new InvalidDataException(source + ": no samples"
                        + (headerSkipped ? " (only a header line)" : " (the file is empty)"));
            }
            return DataBlock.ofFeatures(features.toArray(), fieldCount - 1, labels.toArray());
        }
    }

    private static boolean isHeader(String line) {
        for (String field : line.split(",", -1)) {
            if (TextValues.isNumber(field)) {
                return false;
            }
        }
        return true;
    }

    private static int countFields(String line) {
        int fields = 1;
        for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) {
            fields++;
        }
        return fields;
    }
}
