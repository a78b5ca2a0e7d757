package io.dpnet.cli;

import io.dpnet.train.Sync;
import picocli.CommandLine;

/** Parses {@code --sync}, with the same names and message as recipes. */
final class SyncConverter implements CommandLine.ITypeConverter<Sync> {
    @Override
    public Sync convert(String value) {
        try {
            return Sync.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
