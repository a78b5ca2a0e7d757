package io.dpnet.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sharded IDX set holds: the image shape, each shard's sample count and file sizes, and how the set was made
 * (the seed and a free-text description of the generator). Stored as {@code _dpnet-shards.json} and written after
 * every shard, so a set without it is known to be incomplete. Shard {@code k}'s samples are the global samples
 * {@code firstIndex(k) .. firstIndex(k) + count(k) - 1}.
 *
 * <pre>{"format":"dpnet-idx-shards","version":1,"rows":28,"cols":28,"samples":1000,"seed":7,"generator":"...",
 *  "shards":[{"samples":500,"imagesBytes":123456,"labelsBytes":530}, ...]}</pre>
 */
public record ShardManifest(int rows, int cols, long seed, String generator, List<ShardInfo> shards)
        implements Serializable {
    public static final String FORMAT = "dpnet-idx-shards";
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    public ShardManifest {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("images of " + rows + "x" + cols + " pixels");
        }
        shards = List.copyOf(shards);
        for (int k = 0; k < shards.size(); k++) {
            if (shards.get(k).index() != k) {
                throw new IllegalArgumentException("shard " + shards.get(k).index() + " listed in place " + k
                        + "; list the shards in order, each once");
            }
        }
        generator = generator == null ? "" : generator;
    }

    public int shardCount() {
        return shards.size();
    }

    public int count(int shard) {
        return shards.get(shard).count();
    }

    /** The global index of shard {@code shard}'s first sample: the samples of all shards before it. */
    public long firstIndex(int shard) {
        long first = 0;
        for (int k = 0; k < shard; k++) {
            first += shards.get(k).count();
        }
        return first;
    }

    public long totalCount() {
        return firstIndex(shards.size());
    }

    String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("rows", rows);
        root.put("cols", cols);
        root.put("samples", totalCount());
        root.put("seed", seed);
        root.put("generator", generator);
        List<Map<String, Object>> list = new ArrayList<>();
        for (ShardInfo shard : shards) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("samples", shard.count());
            entry.put("imagesBytes", shard.imagesBytes());
            entry.put("labelsBytes", shard.labelsBytes());
            list.add(entry);
        }
        root.put("shards", list);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a manifest; {@code source} names the file in the one-line errors. */
    static ShardManifest fromJson(String text, String source) throws InvalidDataException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidDataException(source + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidDataException(source + ": expected a JSON object");
        }
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new InvalidDataException(source + ": not a dpnet shard manifest (\"format\" is not \"" + FORMAT
                    + "\")");
        }
        long version = integer(root, "version", source);
        if (version != VERSION) {
            throw new InvalidDataException(source + ": manifest version " + version + ", this dpnet reads version "
                    + VERSION);
        }
        int rows = (int) positive(root, "rows", source);
        int cols = (int) positive(root, "cols", source);
        long seed = integer(root, "seed", source);
        String generator = root.path("generator").asText("");
        JsonNode list = root.get("shards");
        if (list == null || !list.isArray()) {
            throw new InvalidDataException(source + ": \"shards\" must be a list");
        }
        List<ShardInfo> shards = new ArrayList<>();
        long total = 0;
        for (int k = 0; k < list.size(); k++) {
            JsonNode entry = list.get(k);
            String where = source + ": shard " + k;
            long count = integer(entry, "samples", where);
            long images = integer(entry, "imagesBytes", where);
            long labels = integer(entry, "labelsBytes", where);
            if (count < 0 || count > Integer.MAX_VALUE || images < 0 || labels < 0) {
                throw new InvalidDataException(where + ": impossible sizes (" + count + " samples, " + images
                        + " and " + labels + " bytes)");
            }
            shards.add(new ShardInfo(k, (int) count, images, labels));
            total += count;
        }
        long announced = integer(root, "samples", source);
        if (announced != total) {
            throw new InvalidDataException(source + ": \"samples\" is " + announced + " but the shards hold "
                    + total);
        }
        return new ShardManifest(rows, cols, seed, generator, shards);
    }

    private static long integer(JsonNode node, String field, String source) throws InvalidDataException {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new InvalidDataException(source + ": \"" + field + "\" must be a whole number"
                    + (value == null ? ", it is missing" : ", found " + value));
        }
        return value.asLong();
    }

    private static long positive(JsonNode node, String field, String source) throws InvalidDataException {
        long value = integer(node, field, source);
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw new InvalidDataException(source + ": \"" + field + "\" must be positive, found " + value);
        }
        return value;
    }
}
