package io.dpnet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShardManifestTest {
    private static final String SOURCE = "dir/_dpnet-shards.json";
    private static final ShardManifest MANIFEST = new ShardManifest(28, 28, -7, "augment: shift 2",
            List.of(new ShardInfo(0, 500, 1000, 100), new ShardInfo(1, 0, 30, 28), new ShardInfo(2, 499, 990, 99)));

    @Test
    void roundTripsThroughJson() throws InvalidDataException {
        String json = MANIFEST.toJson();

        assertEquals(MANIFEST, ShardManifest.fromJson(json, SOURCE));
        assertTrue(json.contains("\"format\" : \"dpnet-idx-shards\""), json);
        assertTrue(json.contains("\"samples\" : 999"), json);
    }

    @Test
    void givesEachShardItsFirstGlobalIndex() {
        assertEquals(0, MANIFEST.firstIndex(0));
        assertEquals(500, MANIFEST.firstIndex(1));
        assertEquals(500, MANIFEST.firstIndex(2));
        assertEquals(999, MANIFEST.totalCount());
        assertEquals(3, MANIFEST.shardCount());
        assertEquals(499, MANIFEST.count(2));
    }

    @Test
    void rejectsShardsOutOfOrder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ShardManifest(2, 2, 0,
                "", List.of(new ShardInfo(1, 1, 1, 1))));

        assertEquals("shard 1 listed in place 0; list the shards in order, each once", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"format\":\"dpnet-idx-shards\",\"version\":2} | manifest version 2, this dpnet reads version 1",
        "{\"format\":\"other\"} | not a dpnet shard manifest (\"format\" is not \"dpnet-idx-shards\")",
        "[1, 2] | expected a JSON object",
        "{\"format\":\"dpnet-idx-shards\",\"version\":1,\"rows\":0} | \"rows\" must be positive, found 0",
        "{\"format\":\"dpnet-idx-shards\",\"version\":1,\"rows\":2,\"cols\":2} | \"seed\" must be a whole number,"
                + " it is missing",
        "{\"format\":\"dpnet-idx-shards\",\"version\":1,\"rows\":2,\"cols\":2,\"seed\":1.5} | \"seed\" must be a"
                + " whole number, found 1.5",
        "{\"format\":\"dpnet-idx-shards\",\"version\":1,\"rows\":2,\"cols\":2,\"seed\":1,\"shards\":{}}"
                + " | \"shards\" must be a list",
        "{\"format\":\"dpnet-idx-shards\",\"version\":1,\"rows\":2,\"cols\":2,\"seed\":1,\"samples\":3,"
                + "\"shards\":[{\"samples\":2,\"imagesBytes\":9,\"labelsBytes\":9}]} | \"samples\" is 3 but the shards"
                + " hold 2",
        "{\"format\":\"dpnet-idx-shards\",\"version\":1,\"rows\":2,\"cols\":2,\"seed\":1,\"samples\":2,"
                + "\"shards\":[{\"samples\":2,\"imagesBytes\":9}]} | shard 0: \"labelsBytes\" must be a whole number,"
                + " it is missing",
    })
    void rejectsBadManifestsInOneLine(String json, String problem) {
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> ShardManifest.fromJson(json, SOURCE));

        assertEquals(SOURCE + ": " + problem, e.getMessage());
    }

    @Test
    void rejectsTextThatIsNotJson() {
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> ShardManifest.fromJson("{\"format\": ", SOURCE));

        assertTrue(e.getMessage().startsWith(SOURCE + ": not valid JSON ("), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }
}
