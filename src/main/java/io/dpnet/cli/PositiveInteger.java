package io.dpnet.cli;

import picocli.CommandLine;

/** Parses option values that count something and must be at least 1. */
final class PositiveInteger implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number");
        }
        if (v < 1) {
            throw new CommandLine.TypeConversionException("must be at least 1, got " + v);
        }
        return v;
    }
}
