package io.dpnet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkBuilder;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.nn.init.Initializer;
import io.dpnet.nn.loss.Loss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    private static Model model(long seed) {
        NetworkSpec spec = NetworkBuilder.input(6).dense(5).tanh().dense(3).softmax()
                .loss(Loss.SOFTMAX_CROSS_ENTROPY);
        return new Model(spec, spec.initialParams(Initializer.XAVIER, seed), Precision.FLOAT64);
    }

    @Test
    void roundTripsArchitectureAndWeightsExactly() throws IOException {
        Model original = model(1);
        String uri = dir.resolve("m.model").toUri().toString();
        ModelFile.save(original, uri, CONF);
        Model loaded = ModelFile.load(uri, CONF);
        assertEquals(original.spec().describe(), loaded.spec().describe());
        assertArrayEquals(original.params(), loaded.params());
        assertEquals(1, Files.list(dir).count(), "no temporary files left behind");
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
        double[] x = new java.util.Random(2).doubles(144 * 3).toArray();
        assertArrayEquals(original.output(x, 3), loaded.output(x, 3));
    }

    @Test
    void replacesAnExistingModel() throws IOException {
        String path = dir.resolve("m.model").toString();
        ModelFile.save(model(1), path, CONF);
        ModelFile.save(model(2), path, CONF);
        assertArrayEquals(model(2).params(), ModelFile.load(path, CONF).params());
        assertEquals(1, Files.list(dir).count());
    }

    @Test
    void detectsCorruption() throws IOException {
        Path file = dir.resolve("m.model");
        ModelFile.save(model(1), file.toString(), CONF);
        byte[] bytes = Files.readAllBytes(file);

        byte[] flipped = bytes.clone();
        flipped[bytes.length - 20] ^= 1;
        assertMessage(write("flipped.model", flipped), "checksum mismatch");
        assertMessage(write("short.model", Arrays.copyOf(bytes, bytes.length - 9)), "truncated");
        assertMessage(write("empty.model", new byte[0]), "truncated");
        byte[] magic = bytes.clone();
        magic[0] = 'X';
        assertMessage(write("magic.model", magic), "not a dpnet model file");
        byte[] version = bytes.clone();
        version[11] = 9;
        assertMessage(write("version.model", version), "version 9 is not supported");
    }

    /**
     * The header names the values' number type. A file without it, as builds before it wrote, holds float64 and still
     * loads; one whose values are of another type is refused by name rather than misread.
     */
    @Test
    void theHeaderNamesThePrecisionAndOlderFilesStillLoad() throws IOException {
        Model original = model(3);
        Path saved = dir.resolve("new.model");
        ModelFile.save(original, saved.toString(), CONF);
        assertTrue(new String(Files.readAllBytes(saved), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("\"precision\":\"float64\""));
        String network = new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(original.spec().describe());
        String older = "{\"format\":\"dpnet-model\",\"version\":1,\"network\":" + network + ",\"param_count\":"
                + original.params().length;
        Path old = write("old.model", container(older + "}", original.params()));
        assertArrayEquals(original.params(), ModelFile.load(old.toString(), CONF).params());
        Path single = write("f32.model", container(older + ",\"precision\":\"float32\"}", original.params()));
        assertMessage(single, "its values are float32");
    }

    /** A model file's bytes, written by hand as the format describes them. */
    private static byte[] container(String header, double[] params) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        java.io.DataOutputStream out = new java.io.DataOutputStream(
                new java.util.zip.CheckedOutputStream(bytes, crc));
        byte[] json = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.write(ModelFile.MAGIC);
        out.writeInt(1);
        out.writeInt(json.length);
        out.write(json);
        for (double v : params) {
            out.writeDouble(v);
        }
        out.flush();
        new java.io.DataOutputStream(bytes).writeLong(crc.getValue());
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static void assertMessage(Path file, String expected) {
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> ModelFile.load(file.toString(), CONF));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(expected), e.getMessage());
    }
}
