package io.dpnet.cli;

import io.dpnet.train.Sync;

/** Parses {@code --sync}, with the same names and message as recipes. */
final class SyncConverter extends ParsingConverter<Sync> {
    SyncConverter() {
        super(Sync::parse);
    }
}
