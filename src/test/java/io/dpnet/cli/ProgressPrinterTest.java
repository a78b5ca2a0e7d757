package io.dpnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.train.EpochReport;
import io.dpnet.train.StepProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A progress bar on terminals, plain epoch lines in logs. */
class ProgressPrinterTest {
    private static final EpochReport EPOCH = new EpochReport(1, 2, 0.5, 0.9, 0.91, 0.3, Double.NaN,
            Double.NaN, 1000, 2.0, 2.0, 10, 1.5, 1.0);

    private static String print(boolean interactive) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressPrinter printer = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                interactive);
        for (int step = 1; step <= 10; step++) {
            printer.onStep(new StepProgress(1, 2, step, 10, 100L * step, 0.2 * step));
        }
        printer.onEpoch(EPOCH);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void terminalsGetABarThatTheEpochLineReplaces() {
        String out = print(true);
        // The first step and the last are always drawn; the last one shows a full bar.
        assertTrue(out.contains("epoch 1/2 [===         ] 1/10 steps".replace("===         ",
                "===" + " ".repeat(27))), out);
        assertTrue(out.contains("[" + "=".repeat(30) + "] 10/10 steps  500 samples/s  ETA 0.0s"), out);
        String lastLine = out.substring(out.lastIndexOf('\r') + 1);
        assertTrue(lastLine.startsWith("epoch 1/2  loss 0.5000  train 90.00%  test 91.00%"), lastLine);
    }

    @Test
    void logsGetOnlyTheEpochLine() {
        String out = print(false);
        assertFalse(out.contains("\r"), out);
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.startsWith("epoch 1/2  loss 0.5000"), out);
    }
}
