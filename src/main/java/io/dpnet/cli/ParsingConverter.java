package io.dpnet.cli;

import java.util.function.Function;
import picocli.CommandLine;

/**
 * An option's converter from the parser that recipes and Spark properties use too, so that the option takes the same
 * names and fails with the same one-line message.
 */
abstract class ParsingConverter<T> implements CommandLine.ITypeConverter<T> {
    private final Function<String, T> parse;

    ParsingConverter(Function<String, T> parse) {
        this.parse = parse;
    }

    @Override
    public T convert(String value) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
