package io.dpnet.spark;

import io.dpnet.data.DataBlock;
import io.dpnet.data.IdxShards;
import io.dpnet.data.ShardInfo;
import io.dpnet.data.ShardManifest;
import io.dpnet.data.augment.AugmentSettings;
import io.dpnet.data.augment.Augmenter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Writes an augmented digit data set of any size as a sharded IDX set, one Spark task per shard. Sample {@code i}
 * depends only on the seed and {@code i}, so the set is the same whatever the number of tasks, and a retried task
 * writes the same bytes again. The manifest is written last, by the driver: a set without it is unfinished.
 */
public final class SparkGeneration {
    private static final long SAMPLES_PER_SHARD = 100_000;

    private SparkGeneration() {
    }

    /** One shard per 100,000 samples, and at least one per task slot so that every core writes. */
    public static int defaultShards(JavaSparkContext sc, long size) {
        return (int) Math.max(sc.defaultParallelism(), (size + SAMPLES_PER_SHARD - 1) / SAMPLES_PER_SHARD);
    }

    public static ShardManifest generate(JavaSparkContext sc, DataBlock source, int rows, int cols,
                                         AugmentSettings settings, long seed, long size, int shards, String out,
                                         Configuration conf) throws IOException {
        if (size <= 0 || shards <= 0) {
            throw new IllegalArgumentException("--size and --shards must be positive, got " + size + " and "
                    + shards);
        }
        int parts = (int) Math.min(shards, size);
        if ((size + parts - 1) / parts > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(size + " samples need more than " + parts + " shards");
        }
        IdxShards.startSet(out, conf);
        sc.setJobDescription("dpnet: generate " + size + " samples in " + parts + " shards");
        Broadcast<DataBlock> images = sc.broadcast(source);
        try {
            List<long[]> written = sc.parallelize(IntStream.range(0, parts).boxed().toList(), parts)
                    .map(shard -> {
                        long from = size * shard / parts;
                        int count = (int) (size * (shard + 1) / parts - from);
                        Augmenter augmenter = new Augmenter(settings, seed, images.value(), rows, cols);
                        try {
                            ShardInfo info = augmenter.writeShard(out, shard, from, count,
                                    SparkHadoop.inTask());
                            // Plain numbers back to the driver: Kryo, which carries task results, cannot rebuild
                            // records.
                            return new long[] {info.index(), info.count(), info.imagesBytes(), info.labelsBytes()};
                        } catch (IOException e) {
                            throw new UncheckedIOException("shard " + shard + " of " + out + ": " + e.getMessage(),
                                    e);
                        }
                    }).collect();
            List<ShardInfo> infos = new ArrayList<>();
            for (long[] w : written) {
                infos.add(new ShardInfo((int) w[0], (int) w[1], w[2], w[3]));
            }
            ShardManifest manifest = new ShardManifest(rows, cols, seed, settings.toString(), infos);
            IdxShards.writeManifest(out, manifest, conf);
            return manifest;
        } finally {
            images.destroy();
        }
    }
}
