package io.dpnet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkBuilder;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.nn.init.Initializer;
import io.dpnet.nn.loss.Loss;
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
import org.junit.jupiter.params.provider.EnumSource;

class ModelFileTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    /** A small model whose parameters are values of {@code precision}, as a run in it keeps them. */
    private static Model model(long seed, Precision precision) {
        NetworkSpec spec = NetworkBuilder.input(6).dense(5).tanh().dense(3).softmax()
                .loss(Loss.SOFTMAX_CROSS_ENTROPY);
        return new Model(spec, precision.round(spec.initialParams(Initializer.XAVIER, seed)), precision);
    }

    private static Model model(long seed) {
        return model(seed, Precision.FLOAT64);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void roundTripsArchitectureWeightsAndPrecisionExactly(Precision precision) throws IOException {
        Model original = model(1, precision);
        // Values a float holds only at its edges: signed zero, subnormal, extremes, infinity.
        double[] params = original.params();
        params[0] = -0.0;
        params[1] = Float.MIN_VALUE;
        params[2] = Float.MAX_VALUE;
        params[3] = Double.NEGATIVE_INFINITY;
        String uri = dir.resolve("m.model").toUri().toString();
        ModelFile.save(original, uri, CONF);
        Model loaded = ModelFile.load(uri, CONF);
        assertEquals(original.spec().describe(), loaded.spec().describe());
        assertEquals(precision, loaded.precision());
        assertArrayEquals(bits(original.params()), bits(loaded.params()));
        assertEquals(1, Files.list(dir).count(), "no temporary files left behind");
    }

    @Test
    void float64KeepsValuesThatAFloatCannotHold() throws IOException {
        Model original = model(5);
        assertNotEquals(original.params()[0], (float) original.params()[0], "the test needs a non-float value");
        Path file = dir.resolve("m.model");
        ModelFile.save(original, file.toString(), CONF);
        assertArrayEquals(bits(original.params()), bits(ModelFile.load(file.toString(), CONF).params()));
    }

    /** A float32 model whose values are not all floats (the trainer rounds them; this is a caller that did not). */
    @Test
    void float32RoundsValuesToTheNearestFloat() throws IOException {
        Model unrounded = new Model(model(6).spec(), model(6).params(), Precision.FLOAT32);
        Path file = dir.resolve("m.model");
        ModelFile.save(unrounded, file.toString(), CONF);
        double[] expected = Precision.FLOAT32.round(unrounded.params().clone());
        assertNotEquals(Arrays.toString(unrounded.params()), Arrays.toString(expected));
        assertArrayEquals(bits(expected), bits(ModelFile.load(file.toString(), CONF).params()));
    }

    /**
     * The bytes are the documented layout: a float64 model is version 1 exactly as builds before float32 wrote it (so
     * they read it), a float32 one is version 2 with 4-byte values.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void writesTheDocumentedLayout(Precision precision) throws IOException {
        Model original = model(2, precision);
        int version = precision == Precision.FLOAT64 ? 1 : 2;
        Path file = dir.resolve("m.model");
        ModelFile.save(original, file.toString(), CONF);
        String header = "{\"format\":\"dpnet-model\",\"version\":" + version + ",\"network\":" + network(original)
                + ",\"param_count\":" + original.params().length + ",\"precision\":\"" + precision + "\"}";
        assertArrayEquals(HandWritten.container(ModelFile.MAGIC, version, header, precision.bytes(),
                original.params()), Files.readAllBytes(file));
    }

    /** File size = 24 + L + 4·P in float32 (version 2), 24 + L + 8·P in float64: about half. */
    @Test
    void aFloat32FileIsAboutHalfTheSize() throws IOException {
        NetworkSpec spec = NetworkBuilder.input(100).dense(50).relu().dense(10).softmax()
                .loss(Loss.SOFTMAX_CROSS_ENTROPY);
        double[] params = Precision.FLOAT32.round(spec.initialParams(Initializer.HE, 3));
        Path single = dir.resolve("f32.model");
        Path dbl = dir.resolve("f64.model");
        ModelFile.save(new Model(spec, params, Precision.FLOAT32), single.toString(), CONF);
        ModelFile.save(new Model(spec, params, Precision.FLOAT64), dbl.toString(), CONF);
        int p = spec.paramCount();
        assertEquals(24 + headerLength(single) + 4L * p, Files.size(single));
        assertEquals(24 + headerLength(dbl) + 8L * p, Files.size(dbl));
        double ratio = (double) Files.size(single) / Files.size(dbl);
        assertTrue(ratio > 0.5 && ratio < 0.51, "size ratio " + ratio);
    }

    @Test
    void roundTripsAConvolutionalNetwork() throws IOException {
        NetworkSpec spec = NetworkBuilder.input(1, 12, 12).conv2d(4, 3, 1, 1).relu().maxPool(3, 2).dropout(0.25)
                .flatten().dense(3).softmax().loss(Loss.SOFTMAX_CROSS_ENTROPY);
        Model original = new Model(spec, spec.initialParams(Initializer.HE, 4), Precision.FLOAT64);
        String uri = dir.resolve("cnn.model").toUri().toString();
        ModelFile.save(original, uri, CONF);
        Model loaded = ModelFile.load(uri, CONF);
        assertEquals(spec.describe(), loaded.spec().describe());
        double[] x = new Random(2).doubles(144 * 3).toArray();
        assertArrayEquals(original.output(x, 3), loaded.output(x, 3));
    }

    @Test
    void replacesAnExistingModel() throws IOException {
        String path = dir.resolve("m.model").toString();
        ModelFile.save(model(1), path, CONF);
        ModelFile.save(model(2, Precision.FLOAT32), path, CONF);
        Model loaded = ModelFile.load(path, CONF);
        assertArrayEquals(model(2, Precision.FLOAT32).params(), loaded.params());
        assertEquals(Precision.FLOAT32, loaded.precision());
        assertEquals(1, Files.list(dir).count());
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void detectsCorruption(Precision precision) throws IOException {
        Path file = dir.resolve("m.model");
        ModelFile.save(model(1, precision), file.toString(), CONF);
        byte[] bytes = Files.readAllBytes(file);

        byte[] flipped = bytes.clone();
        flipped[bytes.length - 20] ^= 1;
        assertMessage(write("flipped.model", flipped), "checksum mismatch");
        assertMessage(write("short.model", Arrays.copyOf(bytes, bytes.length - 9)), "truncated");
        assertMessage(write("empty.model", new byte[0]), "truncated");
        byte[] magic = bytes.clone();
        magic[0] = 'X';
        assertMessage(write("magic.model", magic), "not a dpnet model file");
        for (int unknown : new int[] {0, 3, 9}) {
            byte[] version = bytes.clone();
            version[11] = (byte) unknown;
            assertMessage(write("version.model", version),
                    "version " + unknown + " is not supported (this build reads versions 1 and 2)");
        }
    }

    /**
     * A version 1 file, as builds before float32 wrote it (with or without the precision key), still loads as
     * float64; one that names float32 is corrupt, since version 1 holds 8-byte values.
     */
    @Test
    void version1FilesLoadAsFloat64() throws IOException {
        Model original = model(3);
        String older = "{\"format\":\"dpnet-model\",\"version\":1,\"network\":" + network(original)
                + ",\"param_count\":" + original.params().length;
        for (String header : new String[] {older + "}", older + ",\"precision\":\"float64\"}"}) {
            Path old = write("old.model", HandWritten.container(ModelFile.MAGIC, 1, header, 8, original.params()));
            Model loaded = ModelFile.load(old.toString(), CONF);
            assertEquals(Precision.FLOAT64, loaded.precision());
            assertArrayEquals(bits(original.params()), bits(loaded.params()));
        }
        Path single = write("f32.model", HandWritten.container(ModelFile.MAGIC, 1,
                older + ",\"precision\":\"float32\"}", 8, original.params()));
        assertMessage(single, "corrupt model header: precision float32 in a version 1 file, which holds float64");
    }

    /** Version 2 names its precision, float32 or float64, exactly; anything else is refused rather than guessed. */
    @Test
    void version2FilesMustNameTheirPrecision() throws IOException {
        Model original = model(4, Precision.FLOAT32);
        String v2 = "{\"format\":\"dpnet-model\",\"version\":2,\"network\":" + network(original)
                + ",\"param_count\":" + original.params().length;
        Path dbl = write("f64.model", HandWritten.container(ModelFile.MAGIC, 2,
                v2 + ",\"precision\":\"float64\"}", 8, original.params()));
        assertEquals(Precision.FLOAT64, ModelFile.load(dbl.toString(), CONF).precision());
        assertArrayEquals(original.params(), ModelFile.load(dbl.toString(), CONF).params());

        assertMessage(write("none.model", HandWritten.container(ModelFile.MAGIC, 2, v2 + "}", 4, original.params())),
                "corrupt model header: precision missing in a version 2 file, which holds float32 or float64");
        for (String bad : new String[] {"\"float16\"", "\"f32\"", "\"FLOAT32\"", "32", "null"}) {
            Path file = write("bad.model", HandWritten.container(ModelFile.MAGIC, 2,
                    v2 + ",\"precision\":" + bad + "}", 4, original.params()));
            assertMessage(file, "in a version 2 file, which holds float32 or float64");
        }
    }

    /**
     * A 190-byte file whose header declares a network of 1.6G parameters, 6.4 GB as float32 (12.8 GB once read), is
     * refused from its length before they are allocated; so is a network of more parameters than an array holds.
     */
    @Test
    void refusesAHeaderThatDeclaresMoreThanTheFileHolds() throws IOException {
        Path huge = write("huge.model", HandWritten.container(ModelFile.MAGIC, 2, hugeHeader(), 4));
        assertMessage(huge, "the header declares 1600040000 float32 values, 6400160190 bytes with the header and "
                + "checksum, but the file holds 190: it is truncated or corrupt");
        assertMessage(write("null.model", HandWritten.container(ModelFile.MAGIC, 2, "null", 4)),
                "corrupt model header: null, not an object");
        String beyondArrays = hugeHeader().replace("40000", "50000").replace("1600040000", "2500050000");
        assertMessage(write("beyond.model", HandWritten.container(ModelFile.MAGIC, 2, beyondArrays, 4)),
                "corrupt header");
    }

    /** The header of a model of one dense layer of 40,000 inputs and 40,000 outputs. */
    static String hugeHeader() {
        return "{\"format\":\"dpnet-model\",\"version\":2,\"network\":{\"input\":[40000],\"layers\":"
                + "[{\"type\":\"dense\",\"units\":40000}],\"loss\":\"mse\"},\"param_count\":1600040000,"
                + "\"precision\":\"float32\"}";
    }

    private static String network(Model model) throws IOException {
        return new ObjectMapper().writeValueAsString(model.spec().describe());
    }

    /** The header length L, bytes 12 to 16 of a file. */
    private static int headerLength(Path file) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(file), 12, 4).getInt();
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static void assertMessage(Path file, String expected) {
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> ModelFile.load(file.toString(), CONF));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(expected), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), "one line");
    }
}
