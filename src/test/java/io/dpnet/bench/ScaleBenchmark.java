package io.dpnet.bench;

import io.dpnet.config.Recipe;
import io.dpnet.config.RecipeLoader;
import io.dpnet.data.IdxShards;
import io.dpnet.data.MnistData;
import io.dpnet.data.MnistIdxReader;
import io.dpnet.data.ShardManifest;
import io.dpnet.data.augment.AugmentSettings;
import io.dpnet.spark.RunOptions;
import io.dpnet.spark.SparkDefaults;
import io.dpnet.spark.SparkGeneration;
import io.dpnet.spark.SparkTraining;
import io.dpnet.spark.TrainingData;
import io.dpnet.train.EpochReport;
import io.dpnet.train.TrainingConfig;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.RDDInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * scripts/bench-scale.sh: training cost against data size. Generates augmented sets of each size (once; they are kept
 * under {@code --work}), then trains the MLP recipe on each from its shards, read by the executors, and reports the
 * epoch time, the time per sample, the cached bytes per sample and the JVM's peak heap. With {@code --stream-window}
 * the sets are streamed from their files instead ({@code train --stream}). Refreshes the scale (or stream) table in
 * BENCHMARKS.md.
 */
@Command(name = "bench-scale", mixinStandardHelpOptions = true)
public final class ScaleBenchmark implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "MNIST IDX folder: the augmentation's sources.")
    String data;

    @Option(names = "--sizes", split = ",", defaultValue = "60000,600000,1200000")
    long[] sizes;

    @Option(names = "--work", defaultValue = "target/scale", description = "Where the generated sets are kept.")
    File work;

    @Option(names = "--config", defaultValue = "conf/mnist-mlp.conf")
    File config;

    @Option(names = "--epochs", defaultValue = "2", description = "Epochs per size; the last one is reported.")
    int epochs;

    @Option(names = "--storage-level", defaultValue = "MEMORY_ONLY")
    String storageLevel;

    @Option(names = "--stream-window", description = "Stream the sets from their files with windows of this many "
            + "samples (train --stream) instead of caching them.")
    Long streamWindow;

    @Option(names = "--master", defaultValue = "local[2]")
    String master;

    @Option(names = "--doc", description = "Markdown file whose scale table to refresh.")
    File doc;

    @Option(names = "--command", defaultValue = "scripts/bench-scale.sh", hidden = true)
    String command;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScaleBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Configuration hadoop = new Configuration();
        MnistData mnist = new MnistIdxReader(hadoop).readDirectory(data);
        Recipe recipe = RecipeLoader.load(config);
        TrainingConfig training = recipe.training().toBuilder().epochs(epochs).build();
        SparkConf conf = SparkDefaults.apply(new SparkConf().setMaster(master).setAppName("dpnet bench-scale")
                .set("spark.ui.enabled", "false").set("spark.dpnet.storageLevel", storageLevel));
        List<String> rows = new ArrayList<>();
        double baseline = Double.NaN;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            RunOptions options = RunOptions.defaults(sc);
            for (long size : sizes) {
                String dir = new File(work, "mnist-" + size).getAbsolutePath();
                ShardManifest manifest = IdxShards.isShardSet(dir, hadoop) ? IdxShards.validate(dir, hadoop)
                        : generate(sc, mnist, size, dir, hadoop);
                resetPeaks();
                List<EpochReport> history;
                double cachedBytes;
                TrainingData set = streamWindow != null ? TrainingData.streamed(dir, manifest, streamWindow)
                        : TrainingData.shards(dir, manifest);
                try (SparkTraining t = SparkTraining.open(sc, recipe.network(), training, set, null, options)) {
                    history = t.fit().history();
                    cachedBytes = cachedBytes(sc);
                }
                EpochReport last = history.get(history.size() - 1);
                double microsPerSample = 1e6 * last.epochSeconds() / last.samples();
                if (Double.isNaN(baseline)) {
                    baseline = microsPerSample;
                }
                String row = String.format("| %,d | %d | %.1f | %.2f | %.2f× | %.0f | %.0f |", size,
                        manifest.shardCount(), last.epochSeconds(), microsPerSample, microsPerSample / baseline,
                        cachedBytes / size, peakHeapBytes() / 1e6);
                System.err.println("[bench-scale] " + row);
                rows.add(row);
            }
        }
        String storage = streamWindow != null ? String.format("streamed from the files, window %,d", streamWindow)
                : "storage level " + storageLevel;
        String table = String.format("Command: `%s` (recipe `%s`, %d epochs each, the last one timed; %s;"
                        + " master `%s`; JVM heap limit %,d MB)%n%nMachine: %s%n%n| samples | shards | epoch s "
                        + "| µs per sample | vs first | cached bytes per sample | peak JVM heap MB |%n"
                        + "|---|---|---|---|---|---|---|%n%s%n",
                command, config.getPath(), epochs, storage, master, Runtime.getRuntime().maxMemory() >> 20,
                Machine.describe().get("summary"), String.join("\n", rows));
        System.out.println(table);
        if (doc != null) {
            String marker = streamWindow != null ? "stream" : "scale";
            Benchmark.refresh(doc.toPath(), table, "<!-- " + marker + ":start -->", "<!-- " + marker + ":end -->");
        }
        return 0;
    }

    private static ShardManifest generate(JavaSparkContext sc, MnistData mnist, long size, String dir,
                                          Configuration hadoop) throws java.io.IOException {
        long start = System.nanoTime();
        ShardManifest m = SparkGeneration.generate(sc, mnist.train(), mnist.rows(), mnist.cols(),
                AugmentSettings.defaults(), 1, size, SparkGeneration.defaultShards(sc, size), dir, hadoop);
        System.err.printf("[bench-scale] generated %,d samples in %.1f s%n", size, (System.nanoTime() - start) / 1e9);
        return m;
    }

    /** Bytes the training shards take in memory and on disk, from Spark's own storage accounting. */
    private static double cachedBytes(JavaSparkContext sc) {
        double bytes = 0;
        for (RDDInfo info : sc.sc().getRDDStorageInfo()) {
            if (info.name().startsWith("dpnet training data")) {
                bytes += info.memSize() + info.diskSize();
            }
        }
        return bytes;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the last reset: an upper bound of the heap in use at any time. */
    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
