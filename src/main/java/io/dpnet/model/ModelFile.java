package io.dpnet.model;

import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Model files (docs/MODEL_FORMAT.md): magic {@code DPNETMDL}, a JSON header with the architecture, then the flat
 * parameters in the model's precision, in the {@link ChecksummedFile} container (version 1 for float64, 2 for float32).
 */
public final class ModelFile {
    static final byte[] MAGIC = "DPNETMDL".getBytes(StandardCharsets.US_ASCII);

    private ModelFile() {
    }

    public static void save(Model model, String uri, Configuration conf) throws IOException {
        ChecksummedFile.save(uri, conf, MAGIC, header(model), model.precision(), model.params());
    }

    public static Model load(String uri, Configuration conf) throws IOException {
        try (ChecksummedFile.Reader reader = ChecksummedFile.open(uri, conf, "model file", MAGIC, "model")) {
            return read(reader, uri);
        }
    }

    static void write(Model model, OutputStream out) throws IOException {
        ChecksummedFile.write(out, MAGIC, header(model), model.precision(), model.params());
    }

    private static Model read(ChecksummedFile.Reader reader, String name) throws IOException {
        NetworkSpec spec = network(reader.header(), name);
        Object count = reader.header().get("param_count");
        if (!(count instanceof Number n) || n.doubleValue() != spec.paramCount()) {
            throw new InvalidModelException(name + ": header says " + count + " parameters but the network has "
                    + spec.paramCount());
        }
        reader.expect(spec.paramCount());
        double[] params = reader.doubles(spec.paramCount());
        reader.finish();
        return new Model(spec, params, reader.precision());
    }

    private static Map<String, Object> header(Model model) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("format", "dpnet-model");
        header.put("version", ChecksummedFile.version(model.precision()));
        header.put("network", model.spec().describe());
        header.put("param_count", model.params().length);
        return header;
    }

    /** The architecture a model or checkpoint header describes. */
    @SuppressWarnings("unchecked")
    static NetworkSpec network(Map<String, Object> header, String name) throws InvalidModelException {
        if (!(header.get("network") instanceof Map<?, ?> network)) {
            throw new InvalidModelException(name + ": header has no 'network' description");
        }
        try {
            return NetworkSpec.fromDescription((Map<String, Object>) network);
        } catch (RuntimeException e) {
            // Whatever a description that is not one makes the decoder throw (wrong types, missing keys, overflow).
            String newer = e.getMessage() != null && e.getMessage().startsWith("unknown layer type")
                    ? " (a newer dpnet may have written it)" : "";
            throw new InvalidModelException(name + ": corrupt header: " + e.getMessage() + newer);
        }
    }
}
