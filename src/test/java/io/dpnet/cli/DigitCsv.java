package io.dpnet.cli;

import io.dpnet.data.DataBlock;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntPredicate;

/** Digits written as a CSV file of raw pixels, as digit data is often shared: "label,pixel,pixel,..." with 0..255. */
final class DigitCsv {
    private DigitCsv() {
    }

    /** The samples whose label {@code keep} accepts. */
    static void write(DataBlock block, Path file, IntPredicate keep) throws IOException {
        byte[] pixels = new byte[block.featureCount()];
        try (Writer w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < block.size(); i++) {
                if (!keep.test(block.label(i))) {
                    continue;
                }
                block.copyPixels(i, pixels, 0);
                w.write(Integer.toString(block.label(i)));
                for (byte p : pixels) {
                    w.write(',');
                    w.write(Integer.toString(p & 0xff));
                }
                w.write('\n');
            }
        }
    }
}
