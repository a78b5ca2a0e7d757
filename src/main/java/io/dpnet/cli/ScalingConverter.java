package io.dpnet.cli;

import io.dpnet.train.Scaling;

/** Parses {@code --scaling}, with the same names and message as recipes. */
final class ScalingConverter extends ParsingConverter<Scaling> {
    ScalingConverter() {
        super(Scaling::parse);
    }
}
