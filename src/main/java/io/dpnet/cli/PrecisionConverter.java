package io.dpnet.cli;

import io.dpnet.nn.Precision;
import picocli.CommandLine;

/** Parses {@code --precision}, with the same names and message as recipes. */
final class PrecisionConverter implements CommandLine.ITypeConverter<Precision> {
    @Override
    public Precision convert(String value) {
        try {
            return Precision.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
