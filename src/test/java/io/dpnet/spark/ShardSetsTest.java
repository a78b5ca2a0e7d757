package io.dpnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.config.RecipeLoader;
import io.dpnet.data.BundledMnist;
import io.dpnet.data.DataBlock;
import io.dpnet.data.FeatureStats;
import io.dpnet.data.IdxShards;
import io.dpnet.data.MnistData;
import io.dpnet.data.ShardManifest;
import io.dpnet.data.augment.AugmentSettings;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.testing.LocalSpark;
import io.dpnet.testing.Tolerance;
import io.dpnet.train.LocalTraining;
import io.dpnet.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated set, written by parallel tasks and read back by the executors shard by shard, trains the model that the
 * same samples held in one block give: sharding and reading on the executors change nothing.
 */
@LocalSpark
class ShardSetsTest {
    private static JavaSparkContext sc;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(JavaSparkContext context) {
        sc = context;
    }

    @Test
    void shardsReadOnTheExecutorsTrainTheModelOfOneBlock() throws IOException {
        Configuration conf = new Configuration();
        String out = dir.resolve("generated").toString();
        MnistData mnist = BundledMnist.load();
        ShardManifest manifest = SparkGeneration.generate(sc, mnist.train(), mnist.rows(), mnist.cols(),
                AugmentSettings.defaults().withElasticProbability(0.5), 3, 3001, 4, out, conf);
        assertEquals(3001, manifest.totalCount());
        assertEquals(4, manifest.shardCount());

        // The same samples in one block, read on the driver.
        byte[] pixels = new byte[3001 * 784];
        int[] labels = new int[3001];
        for (int k = 0; k < manifest.shardCount(); k++) {
            DataBlock shard = IdxShards.readShard(out, manifest, k, conf);
            for (int i = 0; i < shard.size(); i++) {
                int at = (int) (manifest.firstIndex(k) + i);
                shard.copyPixels(i, pixels, at * 784);
                labels[at] = shard.label(i);
            }
        }
        DataBlock whole = DataBlock.ofPixels(pixels, 784, labels);

        // The data summary, shard by shard on the executors, is the one block's.
        FeatureStats onExecutors = FeatureStats.merge(ShardSets.stats(sc, out, manifest));
        FeatureStats onDriver = FeatureStats.of(whole);
        assertEquals(onDriver.count(), onExecutors.count());
        for (int c = 0; c < 10; c++) {
            assertEquals(onDriver.classCount(c), onExecutors.classCount(c));
        }
        for (int j = 0; j < 784; j++) {
            assertEquals(onDriver.max(j), onExecutors.max(j));
            assertEquals(onDriver.mean(j), onExecutors.mean(j), 1e-12);
            assertEquals(onDriver.std(j), onExecutors.std(j), 1e-12);
        }

        NetworkSpec spec = RecipeLoader.defaults().network();
        TrainingConfig config = RecipeLoader.defaults().training().toBuilder().epochs(2).batchSize(128).build();
        SparkTraining.Result sharded;
        try (SparkTraining training = SparkTraining.open(sc, spec, config, TrainingData.shards(out, manifest),
                TestSet.of(mnist.test()), RunOptions.defaults(sc).withPartitions(3))) {
            sharded = training.fit();
        }
        double[] reference = LocalTraining.fit(spec, config, whole, null).params();
        assertArrayEquals(reference, sharded.model().params(), Tolerance.of(config.precision()));
        double accuracy = sharded.history().get(1).testAccuracy();
        assertTrue(accuracy > 0.8, "test accuracy after 2 epochs on 3,001 generated digits: " + accuracy);

        // Partitions too large for one array hold several blocks: the same model again.
        JavaRDD<DataBlock> small = ShardSets.blocks(sc, out, manifest, 2, spec.numClasses(), 800L * 784);
        assertEquals(4, small.count(), "2 partitions of 2 shards of about 750 samples, at most 800 per block");
        try (SparkTraining training = SparkTraining.open(sc, spec, config,
                TrainingData.partitioned(small, manifest.totalCount()), null, RunOptions.defaults(sc))) {
            assertArrayEquals(reference, training.fit().model().params(), Tolerance.of(config.precision()));
        }
    }
}
