package io.dpnet.data;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads sparse samples in LIBSVM format, one per line: {@code label index:value index:value ...} with 1-based,
 * strictly ascending indices; absent features are 0 and {@code #} starts a comment. The samples are stored densely.
 * Immutable: {@link #withFeatureCount} returns a changed copy.
 */
public final class LibsvmReader {
    private final Configuration conf;
    private final int featureCount;

    public LibsvmReader() {
        this(new Configuration());
    }

    public LibsvmReader(Configuration conf) {
        this(conf, 0);
    }

    private LibsvmReader(Configuration conf, int featureCount) {
        this.conf = conf;
        this.featureCount = featureCount;
    }

    /**
     * The number of features; a larger index is an error. By default it is the largest index in the file, which
     * undercounts when the last features happen to be 0 in every sample (as in a small test split).
     */
    public LibsvmReader withFeatureCount(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("feature count must be positive, got " + count);
        }
        return new LibsvmReader(conf, count);
    }

    public DataBlock read(String location) throws IOException {
        Parser parser = new Parser(location);
        TextLines.forEach(location, conf, parser);
        return parser.block();
    }

    /** The state of one read: keeps the samples sparse until the feature count is known. */
    private final class Parser implements TextLines.LineParser {
        private final String source;
        private final IntList labels = new IntList();
        private final IntList rowEnds = new IntList();
        private final IntList indices = new IntList();
        private final DoubleList values = new DoubleList();
        private int maxIndex;

        Parser(String source) {
            this.source = source;
        }

        @Override
        public void parse(String line, long number) throws InvalidDataException {
            int comment = line.indexOf('#');
            int end = comment < 0 ? line.length() : comment;
            int start = skipSpace(line, 0, end);
            if (start == end) {
                return; // a comment line
            }
            int tokenEnd = tokenEnd(line, start, end);
            labels.add(TextValues.label(line.substring(start, tokenEnd), source, number));
            int previous = 0;
            for (start = skipSpace(line, tokenEnd, end); start < end; start = skipSpace(line, tokenEnd, end)) {
                tokenEnd = tokenEnd(line, start, end);
                int colon = line.indexOf(':', start);
                if (colon < 0 || colon >= tokenEnd) {
                    throw InvalidDataException.atLine(source, number,
                            "'" + line.substring(start, tokenEnd) + "' is not index:value");
                }
                int index = index(line.substring(start, colon), previous, number);
                values.add(TextValues.feature(line.substring(colon + 1, tokenEnd), "feature", index, source, number));
                indices.add(index);
                maxIndex = Math.max(maxIndex, index);
                previous = index;
            }
            rowEnds.add(indices.size());
        }

        private int index(String token, int previous, long number) throws InvalidDataException {
            int index;
            try {
                index = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw InvalidDataException.atLine(source, number, "feature index '" + token + "' is not an integer");
            }
            if (index < 1) {
                throw InvalidDataException.atLine(source, number, "feature index " + index
                        + " is not positive: indices start at 1");
            }
            if (index <= previous) {
                throw InvalidDataException.atLine(source, number, "feature index " + index + " follows " + previous
                        + ": indices must ascend strictly");
            }
            if (featureCount > 0 && index > featureCount) {
                throw InvalidDataException.atLine(source, number, "feature index " + index
                        + " exceeds the feature count " + featureCount);
            }
            return index;
        }

        DataBlock block() throws InvalidDataException {
            int samples = labels.size();
            if (samples == 0) {
                throw new InvalidDataException(source + ": no samples (the file is empty)");
            }
            int width = featureCount > 0 ? featureCount : maxIndex;
            if (width == 0) {
                throw new InvalidDataException(source + ": no feature on any line, so the feature count is unknown");
            }
            if ((long) samples * width > ArrayLimits.MAX_LENGTH) {
                throw new InvalidDataException(source + ": " + samples + " samples of " + width
                        + " features are too many to hold densely in one block");
            }
            double[] dense = new double[samples * width];
            int k = 0;
            for (int i = 0; i < samples; i++) {
                for (int end = rowEnds.get(i); k < end; k++) {
                    dense[i * width + indices.get(k) - 1] = values.get(k);
                }
            }
            return DataBlock.ofFeatures(dense, width, labels.toArray());
        }
    }

    private static int skipSpace(String line, int from, int end) {
        int i = from;
        while (i < end && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int tokenEnd(String line, int from, int end) {
        int i = from;
        while (i < end && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }
}
