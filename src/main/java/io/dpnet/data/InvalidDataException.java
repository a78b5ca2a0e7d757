package io.dpnet.data;

import java.io.IOException;

/** Input that cannot be used as training data; the one-line message names the file (and line) and the problem. */
public class InvalidDataException extends IOException {
    private static final long serialVersionUID = 1L;

    public InvalidDataException(String message) {
        super(message);
    }

    public InvalidDataException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem on one line of a text file: {@code "<source> line <n>: <problem>"}. */
    public static InvalidDataException atLine(String source, long line, String problem) {
        return new InvalidDataException(source + " line " + line + ": " + problem);
    }
}
