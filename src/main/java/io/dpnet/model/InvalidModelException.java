package io.dpnet.model;

import java.io.IOException;

/** A model file that is not one, is corrupt, or is of an unsupported version. */
public final class InvalidModelException extends IOException {
    public InvalidModelException(String message) {
        super(message);
    }
}
