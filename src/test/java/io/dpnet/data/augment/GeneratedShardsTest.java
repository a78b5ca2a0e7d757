package io.dpnet.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dpnet.data.DataBlock;
import io.dpnet.data.IdxShards;
import io.dpnet.data.ShardInfo;
import io.dpnet.data.ShardManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole path the generate command takes: shards written by separate augmenters, then read back. */
class GeneratedShardsTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    @Test
    void shardsWrittenSeparatelyReadBackAsTheSetGeneratedInOneGo() throws IOException {
        DataBlock source = AugmenterTest.blobs();
        AugmentSettings settings = AugmentSettings.defaults();
        String uri = dir.toUri().toString();
        IdxShards.startSet(uri, CONF);

        ShardInfo a = new Augmenter(settings, 5, source, 16, 16).writeShard(uri, 0, 0, 12, CONF);
        ShardInfo b = new Augmenter(settings, 5, source, 16, 16).writeShard(uri, 1, 12, 9, CONF);
        IdxShards.writeManifest(uri, new ShardManifest(16, 16, 5, settings.toString(), List.of(a, b)), CONF);

        ShardManifest manifest = IdxShards.validate(uri, CONF);
        DataBlock whole = new Augmenter(settings, 5, source, 16, 16).generate(0, 21);
        byte[] expected = new byte[256];
        byte[] actual = new byte[256];
        for (int shard = 0; shard < 2; shard++) {
            DataBlock block = IdxShards.readShard(uri, manifest, shard, CONF);
            for (int i = 0; i < block.size(); i++) {
                int global = (int) block.firstIndex() + i;
                whole.copyPixels(global, expected, 0);
                block.copyPixels(i, actual, 0);
                assertArrayEquals(expected, actual, "sample " + global);
                assertEquals(whole.label(global), block.label(i));
            }
        }
        assertEquals(21, manifest.totalCount());
        assertEquals(settings.toString(), manifest.generator());
    }
}
