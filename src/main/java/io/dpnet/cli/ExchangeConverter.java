package io.dpnet.cli;

import io.dpnet.spark.StepExchange;
import picocli.CommandLine;

/** Parses {@code --exchange}, with the same names and message as the Spark property. */
final class ExchangeConverter implements CommandLine.ITypeConverter<StepExchange> {
    @Override
    public StepExchange convert(String value) {
        try {
            return StepExchange.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
