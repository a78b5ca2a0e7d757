package io.dpnet.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How predict writes its output. */
enum PredictionFormat {
    /** One text file, in input order: {@link PredictionCsv}. */
    CSV,
    /** A folder written by Spark: {@link PredictionParquet}. */
    PARQUET;

    static final class Converter implements ITypeConverter<PredictionFormat> {
        @Override
        public PredictionFormat convert(String value) {
            try {
                return PredictionFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("invalid output format '" + value + "' (expected csv or parquet)");
            }
        }
    }
}
