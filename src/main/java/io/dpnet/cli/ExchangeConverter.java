package io.dpnet.cli;

import io.dpnet.spark.StepExchange;

/** Parses {@code --exchange}, with the same names and message as the Spark property. */
final class ExchangeConverter extends ParsingConverter<StepExchange> {
    ExchangeConverter() {
        super(StepExchange::parse);
    }
}
