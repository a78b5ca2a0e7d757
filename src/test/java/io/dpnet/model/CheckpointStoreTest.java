package io.dpnet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dpnet.nn.NetworkBuilder;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.nn.init.Initializer;
import io.dpnet.nn.loss.Loss;
import io.dpnet.testing.LogLines;
import io.dpnet.train.TrainingConfig;
import io.dpnet.train.TrainingState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CheckpointStoreTest {
    private static final Configuration CONF = new Configuration();
    private static final NetworkSpec SPEC = NetworkBuilder.input(4).dense(3).relu().dense(2).softmax()
            .loss(Loss.SOFTMAX_CROSS_ENTROPY);

    @TempDir
    Path dir;

    private CheckpointStore store() {
        return new CheckpointStore(dir.toString(), CONF, 2);
    }

    private static TrainingConfig config(Precision precision) {
        return TrainingConfig.builder().batchSize(16).seed(7).adam(0.01).precision(precision).build();
    }

    /** Mid-run state as a run in {@code precision} holds it: parameters and Adam's m, v and step count t. */
    private static TrainingState state(Precision precision) {
        Random random = new Random(3);
        int n = SPEC.paramCount();
        double[] params = precision.round(SPEC.initialParams(Initializer.XAVIER, 5));
        double[] m = precision.round(random.doubles(n, -1e-3, 1e-3).toArray());
        double[] v = precision.round(random.doubles(n, 0, 1e-6).toArray());
        return new TrainingState(2, 37, params, new double[][] {m, v, {37}});
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void resumesExactlyInTheRunsPrecision(Precision precision) throws IOException {
        TrainingState saved = state(precision);
        store().save(saved, SPEC, config(precision));
        TrainingState resumed = store().latest(SPEC, config(precision)).orElseThrow().state();
        assertEquals(saved.epochsDone(), resumed.epochsDone());
        assertEquals(saved.step(), resumed.step());
        assertArrayEquals(bits(saved.params()), bits(resumed.params()));
        assertEquals(saved.optimizerState().length, resumed.optimizerState().length);
        for (int i = 0; i < saved.optimizerState().length; i++) {
            assertArrayEquals(bits(saved.optimizerState()[i]), bits(resumed.optimizerState()[i]));
        }
        Path file = dir.resolve("checkpoint-step-000000000037.dpck");
        byte[] bytes = Files.readAllBytes(file);
        int length = ByteBuffer.wrap(bytes, 12, 4).getInt();
        int values = Arrays.stream(saved.optimizerState()).mapToInt(a -> a.length).sum() + saved.params().length;
        assertEquals(precision == Precision.FLOAT64 ? 1 : 2, bytes[11], "format version");
        assertEquals(24 + length + (long) precision.bytes() * values, bytes.length);
    }

    @Test
    void aFloat32RunRefusesAFloat64CheckpointAndTheOtherWayRound() throws IOException {
        store().save(state(Precision.FLOAT64), SPEC, config(Precision.FLOAT64));
        assertRefused(Precision.FLOAT32, "precision float64, this run has float32");
        Files.delete(dir.resolve("checkpoint-step-000000000037.dpck"));
        store().save(state(Precision.FLOAT32), SPEC, config(Precision.FLOAT32));
        assertRefused(Precision.FLOAT64, "precision float32, this run has float64");
    }

    /** A float64 run writes version 1 checkpoints, byte for byte as builds before float32 read them. */
    @Test
    void aFloat64CheckpointIsVersion1AsBefore() throws IOException {
        TrainingState saved = state(Precision.FLOAT64);
        store().save(saved, SPEC, config(Precision.FLOAT64));
        assertArrayEquals(HandWritten.container(CheckpointStore.MAGIC, 1,
                        header(saved, ",\"precision\":\"float64\""), 8, arrays(saved)),
                Files.readAllBytes(dir.resolve("checkpoint-step-000000000037.dpck")));
    }

    /** A checkpoint written before the precision key existed holds float64 and belongs to float64 runs. */
    @Test
    void anOlderCheckpointCountsAsFloat64() throws IOException {
        TrainingState saved = state(Precision.FLOAT64);
        Files.write(dir.resolve("checkpoint-step-000000000037.dpck"),
                HandWritten.container(CheckpointStore.MAGIC, 1, header(saved, ""), 8, arrays(saved)));
        TrainingState resumed = store().latest(SPEC, config(Precision.FLOAT64)).orElseThrow().state();
        assertEquals(37, resumed.step());
        assertArrayEquals(bits(saved.params()), bits(resumed.params()));
        assertArrayEquals(bits(saved.optimizerState()[1]), bits(resumed.optimizerState()[1]));
        assertRefused(Precision.FLOAT32, "precision float64, this run has float32");
    }

    /**
     * A newest checkpoint that fails a check of its header is skipped with a warning naming it, for the one before
     * it: a negative length, one the file cannot hold (allocated, 16 GB), values of the wrong type or range.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[N,N,1] | [N,-5,1] | optimizer_state_lengths is -5",
        "[N,N,1] | [N,2000000000,1] | the header declares 2000000047 float64 values, ",
        "[N,N,1] | \"none\" | optimizer_state_lengths is none",
        "[N,N,1] | [N,N,1.5] | optimizer_state_lengths is 1.5",
        "\"param_count\":N | \"param_count\":\"many\" | param_count is many",
        "\"param_count\":N | \"param_count\":4294967296 | param_count is 4294967296",
        "\"param_count\":N | \"param_count\":26 | header says 26 parameters but the network has 23",
        "\"step\":37 | \"step\":-1 | step is -1",
        "\"epochs_done\":2 | \"epochs_done\":null | epochs_done is missing",
    })
    void skipsANewestCheckpointThatFailsACheck(String field, String corrupt, String expected) throws IOException {
        TrainingState saved = state(Precision.FLOAT64);
        store().save(saved, SPEC, config(Precision.FLOAT64));
        String n = String.valueOf(saved.params().length);
        String header = header(saved, "");
        assertTrue(header.contains(field.replace("N", n)), header);
        Path newest = dir.resolve("checkpoint-step-000000000040.dpck");
        Files.write(newest, HandWritten.container(CheckpointStore.MAGIC, 1,
                header.replace(field.replace("N", n), corrupt.replace("N", n)), 8, arrays(saved)));
        try (LogLines log = LogLines.of(CheckpointStore.class)) {
            assertEquals(37, store().latest(SPEC, config(Precision.FLOAT64)).orElseThrow().state().step());
            assertEquals(1, log.lines().size(), log.lines().toString());
            String warning = log.lines().get(0);
            assertTrue(warning.startsWith("WARN skipping checkpoint file:" + newest + ": ")
                    && warning.contains(expected), warning);
        }
    }

    /** A checkpoint of another run is still refused, not skipped, also when an older one of this run is there. */
    @Test
    void refusesAnotherRunsNewestCheckpointRatherThanSkippingIt() throws IOException {
        store().save(state(Precision.FLOAT64), SPEC, config(Precision.FLOAT64));
        TrainingState other = new TrainingState(3, 40, state(Precision.FLOAT32).params(),
                state(Precision.FLOAT32).optimizerState());
        store().save(other, SPEC, config(Precision.FLOAT32));
        assertRefused(Precision.FLOAT64, "precision float32, this run has float64");
    }

    /** The header of {@link #state} under {@link #config}, as the format lists it, then {@code more}. */
    private static String header(TrainingState state, String more) throws IOException {
        int n = state.params().length;
        return "{\"network\":" + new ObjectMapper().writeValueAsString(SPEC.describe())
                + ",\"seed\":7,\"batch_size\":16,\"sync\":\"GRADIENT\",\"format\":\"dpnet-checkpoint\""
                + ",\"epochs_done\":2,\"step\":37,\"param_count\":" + n + ",\"optimizer_state_lengths\":["
                + n + "," + n + ",1]" + more + "}";
    }

    private static double[][] arrays(TrainingState state) {
        double[][] optimizer = state.optimizerState();
        return new double[][] {state.params(), optimizer[0], optimizer[1], optimizer[2]};
    }

    private void assertRefused(Precision run, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store().latest(SPEC, config(run)));
        assertTrue(e.getMessage().contains("was written for another run (" + expected
                + "): use another --checkpoint-dir or leave out --resume"), e.getMessage());
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
