package io.dpnet.data;

/**
 * Parses the labels and feature values of text formats, with errors that name the file, line and field. Field names
 * are built only on the error path, since these methods run once per value.
 */
final class TextValues {
    private static final String CLASS_NUMBERING = "classes must be numbered 0..K-1";

    private TextValues() {
    }

    /** A class label: a non-negative whole number, written as an integer or as a double such as {@code 1.0}. */
    static int label(String token, String source, long line) throws InvalidDataException {
        double value = number(token, "label", -1, source, line);
        String text = token.trim();
        if (value != Math.rint(value)) {
            throw InvalidDataException.atLine(source, line, "label " + text + " is not a whole number: "
                    + CLASS_NUMBERING);
        }
        if (value < 0) {
            throw InvalidDataException.atLine(source, line, "label " + text + " is negative: " + CLASS_NUMBERING);
        }
        if (value > Integer.MAX_VALUE) {
            throw InvalidDataException.atLine(source, line, "label " + text + " is too large: " + CLASS_NUMBERING);
        }
        return (int) value;
    }

    /** A finite feature value; errors call it "{@code field fieldNumber}", e.g. "column 3". */
    static double feature(String token, String field, int fieldNumber, String source, long line)
            throws InvalidDataException {
        double value = number(token, field, fieldNumber, source, line);
        if (!Double.isFinite(value)) {
            throw InvalidDataException.atLine(source, line, field + " " + fieldNumber + " is " + token.trim()
                    + ": feature values must be finite");
        }
        return value;
    }

    private static double number(String token, String field, int fieldNumber, String source, long line)
            throws InvalidDataException {
        String text = token.trim();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            String what = fieldNumber < 0 ? field : field + " " + fieldNumber;
            throw InvalidDataException.atLine(source, line,
                    text.isEmpty() ? what + " is empty" : what + " is not a number: '" + text + "'");
        }
    }

    /** True when {@code token} reads as a number; used to tell a header line from data. */
    static boolean isNumber(String token) {
        try {
            Double.parseDouble(token.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
