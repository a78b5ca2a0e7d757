package io.dpnet.cli;

import io.dpnet.data.BundledMnist;
import io.dpnet.data.MnistData;
import io.dpnet.data.MnistIdxReader;
import io.dpnet.data.ShardManifest;
import io.dpnet.data.augment.AugmentSettings;
import io.dpnet.spark.SparkGeneration;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write an augmented digit data set of any size (random affine transforms and elastic "
                + "distortions of MNIST training images) as sharded IDX files, in parallel Spark tasks.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR",
            description = "MNIST IDX folder whose training images are the sources (default: the bundled subset).")
    String data;

    @Option(names = "--out", paramLabel = "URI", required = true, description = "Folder for the shards.")
    String out;

    @Option(names = "--size", paramLabel = "N", required = true, description = "Samples to write.")
    long size;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--shards", paramLabel = "K", converter = PositiveInteger.class,
            description = "Shards to write (default: one per 100,000 samples, at least one per task slot).")
    Integer shards;

    @Option(names = "--no-elastic", description = "Affine transforms only (about 5 times faster).")
    boolean noElastic;

    @Option(names = "--overwrite", description = "Replace what the --out folder holds.")
    boolean overwrite;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() throws Exception {
        if (size <= 0) {
            throw new IllegalArgumentException("--size must be positive, got " + size);
        }
        Configuration hadoop = spark.hadoopConfiguration();
        Path target = new Path(out);
        FileSystem fs = target.getFileSystem(hadoop);
        if (!overwrite && fs.exists(target) && fs.listStatus(target).length > 0) {
            throw new IllegalArgumentException(out + " is not empty; choose another --out or add --overwrite");
        }
        MnistData source = data == null ? BundledMnist.load() : new MnistIdxReader(hadoop).readDirectory(data);
        AugmentSettings settings = noElastic ? AugmentSettings.defaults().withElasticProbability(0)
                : AugmentSettings.defaults();
        try (JavaSparkContext sc = spark.start("dpnet generate")) {
            int count = shards != null ? shards : SparkGeneration.defaultShards(sc, size);
            long start = System.nanoTime();
            ShardManifest manifest = SparkGeneration.generate(sc, source.train(), source.rows(), source.cols(),
                    settings, seed, size, count, out, hadoop);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%,d samples in %d shards written to %s in %.1f s (%,.0f samples/s)%n",
                    manifest.totalCount(), manifest.shardCount(), out, seconds, manifest.totalCount() / seconds);
        }
        return 0;
    }
}
