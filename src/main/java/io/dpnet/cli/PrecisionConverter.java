package io.dpnet.cli;

import io.dpnet.nn.Precision;

/** Parses {@code --precision}, with the same names and message as recipes. */
final class PrecisionConverter extends ParsingConverter<Precision> {
    PrecisionConverter() {
        super(Precision::parse);
    }
}
