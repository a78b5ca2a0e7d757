package io.dpnet.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** Writes a block of images as a sharded set with shards of chosen sizes, as generate would, but in this JVM. */
public final class ShardSetFixture {
    private ShardSetFixture() {
    }

    public static ShardManifest write(String dir, DataBlock images, int rows, int cols, int... sizes)
            throws IOException {
        Configuration conf = new Configuration();
        IdxShards.startSet(dir, conf);
        List<ShardInfo> infos = new ArrayList<>();
        int from = 0;
        for (int k = 0; k < sizes.length; k++) {
            infos.add(IdxShards.writeShard(dir, k, images.slice(from, from + sizes[k]), rows, cols, conf));
            from += sizes[k];
        }
        ShardManifest manifest = new ShardManifest(rows, cols, 0, "test fixture", infos);
        IdxShards.writeManifest(dir, manifest, conf);
        return manifest;
    }
}
