package io.dpnet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkBuilder;
import io.dpnet.nn.NetworkSpec;
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
        return new Model(spec, spec.initialParams(Initializer.XAVIER, seed));
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
        Model original = new Model(spec, spec.initialParams(Initializer.HE, 4));
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

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static void assertMessage(Path file, String expected) {
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> ModelFile.load(file.toString(), CONF));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(expected), e.getMessage());
    }
}
