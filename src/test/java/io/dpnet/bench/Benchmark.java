package io.dpnet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dpnet.config.Recipe;
import io.dpnet.config.RecipeLoader;
import io.dpnet.data.MnistData;
import io.dpnet.data.MnistIdxReader;
import io.dpnet.nn.Blas;
import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.nn.layer.Dense;
import io.dpnet.spark.RunOptions;
import io.dpnet.spark.SparkDefaults;
import io.dpnet.spark.SparkTraining;
import io.dpnet.spark.StepExchange;
import io.dpnet.spark.TestSet;
import io.dpnet.spark.TrainingData;
import io.dpnet.train.BatchPlan;
import io.dpnet.train.EpochReport;
import io.dpnet.train.LocalAveraging;
import io.dpnet.train.LocalGradients;
import io.dpnet.train.ShardEvaluation;
import io.dpnet.train.Sync;
import io.dpnet.train.SyncSource;
import io.dpnet.train.Trainer;
import io.dpnet.train.TrainingConfig;
import io.dpnet.train.TrainingState;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * scripts/bench.sh: our trainer, the local engine alone and MLlib's MLP on the same data in one JVM, side by side,
 * with the machine's floors (GEMM rate, trivial Spark job). Writes JSON and refreshes the table in BENCHMARKS.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true)
public final class Benchmark implements Callable<Integer> {
    private static final String START = "<!-- bench:start -->";
    private static final String END = "<!-- bench:end -->";

    @Option(names = "--data", required = true, description = "Folder with the four MNIST IDX files.")
    String data;

    @Option(names = "--config", defaultValue = "conf/mnist-mlp.conf")
    File config;

    @Option(names = "--master", defaultValue = "local[2]")
    String master;

    @Option(names = "--target", defaultValue = "0.975", description = "Test accuracy to time.")
    double target;

    @Option(names = "--mllib-budget", defaultValue = "240", description = "Seconds of MLlib training at most.")
    double mllibBudget;

    @Option(names = "--mllib-chunk", defaultValue = "10", description = "MLlib iterations between evaluations.")
    int mllibChunk;

    @Option(names = "--local-steps", defaultValue = "8", description = "Local steps of the model-averaging row.")
    int localSteps;

    @Option(names = "--skip-mllib")
    boolean skipMllib;

    @Option(names = "--cnn-config", defaultValue = "conf/mnist-cnn.conf", description = "The CNN recipe's row.")
    File cnnConfig;

    @Option(names = "--cnn-target", defaultValue = "0.99", description = "Test accuracy to time for the CNN.")
    double cnnTarget;

    @Option(names = "--skip-cnn")
    boolean skipCnn;

    @Option(names = "--out", description = "JSON results.")
    File out;

    @Option(names = "--doc", description = "Markdown file whose table to refresh.")
    File doc;

    @Option(names = "--command", defaultValue = "scripts/bench.sh", hidden = true)
    String command;

    private String cnnSection = "";

    public static void main(String[] args) {
        System.exit(new CommandLine(new Benchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        MnistData mnist = new MnistIdxReader().readDirectory(data);
        Recipe recipe = RecipeLoader.load(config);
        NetworkSpec spec = recipe.network();
        TrainingConfig training = recipe.training();
        SparkConf conf = SparkDefaults.apply(new SparkConf().setMaster(master).setAppName("dpnet bench")
                .set("spark.ui.enabled", "false"));
        Map<String, Object> results = new LinkedHashMap<>();
        List<String[]> rows = new ArrayList<>();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            int slots = sc.defaultParallelism();
            RunOptions options = RunOptions.defaults(sc).withPartitions(slots);
            warmUp(sc, spec, training, mnist, options);
            TrainingConfig float64 = training.toBuilder().precision(Precision.FLOAT64).build();
            Run ours = new Run("dpnet on Spark (" + master + ", " + slots + " partitions, per-step "
                    + "gradient averaging, default exchange: auto, " + training.precision() + ")",
                    sparkRun(sc, spec, training, mnist, options), target, mnist.train().size());
            Run ours64 = new Run("dpnet on Spark, the same in float64", sparkRun(sc, spec, float64, mnist, options),
                    target, mnist.train().size());
            Run jobs = new Run("dpnet on Spark, the same with one Spark job per step (--exchange jobs)",
                    sparkRun(sc, spec, training, mnist, options.withExchange(StepExchange.JOBS)), target,
                    mnist.train().size());
            TrainingConfig averagingConfig = training.toBuilder().sync(Sync.AVERAGE, localSteps).build();
            Run averaging = new Run("dpnet on Spark, model averaging every " + localSteps + " local steps",
                    sparkRun(sc, spec, averagingConfig, mnist, options), target, mnist.train().size());
            Run local = new Run("dpnet local engine (no Spark, " + slots + " threads, " + training.precision() + ")",
                    localEngine(spec, training, mnist, slots), target, mnist.train().size());
            Run local64 = new Run("dpnet local engine in float64", localEngine(spec, float64, mnist, slots), target,
                    mnist.train().size());

            // Floors measured after the runs, in a JVM as warm as the one the runs had.
            Map<String, Object> floors = new LinkedHashMap<>();
            floors.put("blas", Blas.implementationName());
            floors.put("dgemm_1024_gflops", Floors.gemmGflops(1024));
            floors.put("sgemm_1024_gflops", Floors.sgemmGflops(1024));
            // The float32 ceiling: every core at the sgemm rate on the network's matrix products alone.
            double ceiling = slots * (double) floors.get("sgemm_1024_gflops") * 1e9 / flopsPerSample(spec);
            floors.put("flops_per_sample", flopsPerSample(spec));
            floors.put("float32_ceiling_samples_per_second", ceiling);
            floors.put("trivial_job_ms", Floors.trivialJobMillis(sc, slots));
            floors.put("bytes_per_cached_sample", mnist.train().bytesPerSample());
            results.put("machine", Machine.describe());
            results.put("floors", floors);
            log("floors: " + floors);

            Map<String, Object> oursMap = ours.toMap();
            double overhead = ours.stepMillis() - ours.computeMillis();
            oursMap.put("overhead_over_trivial_job", overhead / (double) floors.get("trivial_job_ms"));
            // Speed of the math itself at the same global batch: the local engine's time per step over ours.
            oursMap.put("compute_share_of_local_engine", local.computeMillis() / ours.computeMillis());
            oursMap.put("share_of_float32_ceiling", ours.samplesPerSecond() / ceiling);
            results.put("dpnet_spark", oursMap);
            results.put("dpnet_spark_float64", ours64.toMap());
            Map<String, Object> localMap = local.toMap();
            localMap.put("share_of_float32_ceiling", local.samplesPerSecond() / ceiling);
            results.put("dpnet_local", localMap);
            results.put("dpnet_local_float64", local64.toMap());
            rows.add(row(ours, ours));
            rows.add(row(ours64, ours));
            rows.add(row(jobs, ours));
            rows.add(row(averaging, ours));
            rows.add(row(local, ours));
            rows.add(row(local64, ours));
            results.put("dpnet_spark_job_per_step", jobs.toMap());
            results.put("dpnet_spark_model_averaging", averaging.toMap());

            if (!skipMllib) {
                SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
                int[] layers = denseLayerSizes(spec);
                MllibBaseline.Result mllib = MllibBaseline.run(spark, mnist, layers, 128, mllibChunk, mllibBudget,
                        target, 1);
                results.put("mllib_mlp", mllib.toMap());
                rows.add(mllibRow(mllib, ours, layers));
            }
            if (!skipCnn) {
                cnnSection = cnn(sc, mnist, slots, results);
            }
        }
        results.put("config", config.getPath());
        results.put("target_accuracy", target);
        String table = table(rows, results) + cnnSection;
        System.out.println(table);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (out != null) {
            json.writeValue(out, results);
        }
        if (doc != null) {
            refresh(doc.toPath(), table, START, END);
        }
        return 0;
    }

    /**
     * The JVM compiles Spark's and our hot paths during the first hundred or so steps (several seconds on 2 cores).
     * Every engine gets that behind it on a slice of the data before any clock starts, so that the order of the rows
     * does not decide their times. {@code scripts/dpnet train} pays it once per run; BENCHMARKS.md says how much.
     */
    private static void warmUp(JavaSparkContext sc, NetworkSpec spec, TrainingConfig training, MnistData mnist,
                               RunOptions options) {
        TrainingConfig oneEpoch = training.toBuilder().epochs(1).build();
        sparkRun(sc, spec, oneEpoch, mnist, options);
        sparkRun(sc, spec, oneEpoch.toBuilder().precision(Precision.FLOAT64).build(), mnist, options);
        sparkRun(sc, spec, oneEpoch.toBuilder().sync(Sync.AVERAGE, 8).build(), mnist, options);
        sparkRun(sc, spec, oneEpoch, mnist, options.withExchange(StepExchange.JOBS));
        localEngine(spec, oneEpoch, mnist, options.partitions());
        localEngine(spec, oneEpoch.toBuilder().precision(Precision.FLOAT64).build(), mnist, options.partitions());
        log("warm-up done");
    }

    /**
     * The CNN recipe through the Spark trainer, timed to its target accuracy, and the per-layer profile of one
     * partition's share of its batch. The first epoch includes the JIT's compilation of the convolution code.
     */
    private String cnn(JavaSparkContext sc, MnistData mnist, int slots, Map<String, Object> results) {
        Recipe recipe = RecipeLoader.load(cnnConfig);
        RunOptions options = RunOptions.defaults(sc).withPartitions(slots);
        TrainingConfig training = recipe.training();
        Run run = new Run("dpnet on Spark, " + cnnConfig.getPath() + " (" + master + ", " + slots + " partitions, "
                + training.precision() + ")", sparkRun(sc, recipe.network(), training, mnist, options), cnnTarget,
                mnist.train().size());
        Run run64 = new Run("the same in float64", sparkRun(sc, recipe.network(),
                training.toBuilder().precision(Precision.FLOAT64).build(), mnist, options), cnnTarget,
                mnist.train().size());
        int share = Math.max(1, recipe.training().batchSize() / slots);
        String profile = CnnProfile.profile(recipe.network(), share, 5);
        results.put("dpnet_spark_cnn", run.toMap());
        results.put("dpnet_spark_cnn_float64", run64.toMap());
        log("CNN profile:\n" + profile);
        StringBuilder s = new StringBuilder("\n| CNN run | time to ").append(pct(cnnTarget))
                .append(" | final test accuracy | training s | images/s | step ms (math + overhead) "
                        + "| time to target vs float32 |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Run r : List.of(run, run64)) {
            s.append("| ").append(String.join(" | ", row(r, run))).append(" |\n");
        }
        s.append('\n');
        s.append("Per-layer time of one partition's share of a step (").append(share)
                .append(" images), forward and backward, one thread:\n\n").append(profile);
        return s.toString();
    }

    private static List<EpochReport> sparkRun(JavaSparkContext sc, NetworkSpec spec, TrainingConfig training,
                                              MnistData mnist, RunOptions options) {
        try (SparkTraining t = SparkTraining.open(sc, spec, training, TrainingData.of(mnist.train()),
                TestSet.of(mnist.test()), options)) {
            return t.fit(Benchmark::progress).history();
        }
    }

    private static List<EpochReport> localEngine(NetworkSpec spec, TrainingConfig training, MnistData mnist,
                                                 int threads) {
        BatchPlan plan = training.plan(mnist.train().size());
        SyncSource train = training.sync() == Sync.AVERAGE ? new LocalAveraging(mnist.train(), spec,
                training.precision(), plan, threads)
                : new LocalGradients(mnist.train(), spec, training.precision(), plan, threads);
        ShardEvaluation test = new ShardEvaluation(mnist.test(), spec, training.precision());
        double[] params = spec.initialParams(training.initializer(), training.seed());
        return new Trainer(spec, training).listener(Benchmark::progress)
                .fit(TrainingState.start(params), train, plan, test::evaluate);
    }

    static int[] denseLayerSizes(NetworkSpec spec) {
        List<Integer> sizes = new ArrayList<>(List.of(spec.inputSize()));
        for (LayerSpec layer : spec.layers()) {
            if (layer instanceof Dense dense) {
                sizes.add(dense.units());
            }
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * FLOPs of forward and backward per sample in the dense layers' matrix products: 2 per weight for the output, 2 for
     * the weights' gradient, and 2 for the input's gradient, which the first layer does not compute.
     */
    private static double flopsPerSample(NetworkSpec spec) {
        double flops = 0;
        boolean first = true;
        for (int k = 0; k < spec.layers().size(); k++) {
            if (spec.layers().get(k) instanceof Dense dense) {
                double weights = (double) spec.shape(k).size() * dense.units();
                flops += (first ? 4 : 6) * weights;
                first = false;
            }
        }
        return flops;
    }

    private String[] row(Run run, Run ours) {
        return new String[] {run.name(), seconds(run.secondsToTarget(), run.bestAccuracy(), run.trainSeconds()),
            pct(run.finalAccuracy()), String.format("%.1f", run.trainSeconds()),
            String.format("%,.0f", run.samplesPerSecond()),
            String.format("%.1f (%.1f + %.1f)", run.stepMillis(), run.computeMillis(),
                    run.stepMillis() - run.computeMillis()),
            ratio(run.secondsToTarget(), ours.secondsToTarget())};
    }

    private String[] mllibRow(MllibBaseline.Result r, Run ours, int[] layers) {
        return new String[] {"MLlib MultilayerPerceptronClassifier (L-BFGS, layers "
                + java.util.Arrays.toString(layers) + ", blockSize 128)",
            seconds(r.secondsToTarget(), r.bestAccuracy(), r.trainSeconds()), pct(r.bestAccuracy()),
            String.format("%.1f", r.trainSeconds()), String.format("%,.0f", r.samplesPerSecond()),
            String.format("%.0f per iteration", 1000 * r.secondsPerIteration()),
            r.secondsToTarget() != null ? ratio(r.secondsToTarget(), ours.secondsToTarget())
                    : "> " + ratio(r.trainSeconds(), ours.secondsToTarget())};
    }

    private String seconds(Double toTarget, double best, double spent) {
        return toTarget != null ? String.format("%.1f s", toTarget)
                : String.format("not reached (best %s in %.0f s)", pct(best), spent);
    }

    private static String pct(double v) {
        return String.format("%.2f%%", 100 * v);
    }

    private static String ratio(Double theirs, Double ours) {
        return theirs == null || ours == null ? "n/a" : String.format("%.2f×", theirs / ours);
    }

    @SuppressWarnings("unchecked")
    private String table(List<String[]> rows, Map<String, Object> results) {
        Map<String, Object> floors = (Map<String, Object>) results.get("floors");
        Map<String, Object> ours = (Map<String, Object>) results.get("dpnet_spark");
        StringBuilder s = new StringBuilder();
        s.append("Command: `").append(command).append("` (recipe `").append(config.getPath()).append("`, target ")
                .append(pct(target)).append(" test accuracy, master `").append(master).append("`)\n\n");
        s.append("Machine: ").append(Machine.describe().get("summary")).append("\n\n");
        s.append("| run | time to ").append(pct(target)).append(" | final test accuracy | training s | samples/s "
                + "| step ms (math + overhead) | time to target vs ours |\n");
        s.append("|---|---|---|---|---|---|---|\n");
        for (String[] r : rows) {
            s.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        Map<String, Object> local = (Map<String, Object>) results.get("dpnet_local");
        s.append(String.format("%nFloors: BLAS `%s`, one thread: dgemm 1024³ at %.1f GFLOP/s, sgemm at %.1f; a "
                        + "trivial Spark job (`count` on a cached RDD) takes %.1f ms. Our per-step overhead is %.2f× "
                        + "that job; the math inside our steps runs at %.0f%% of the local engine's speed. Cached "
                        + "training data: %.0f bytes per sample.%n%n"
                        + "float32 ceiling: %,.0f samples/s (%.0f kFLOP per sample, every core at the sgemm rate); "
                        + "ours reaches %.0f%% of it, the local engine %.0f%%.%n",
                floors.get("blas"), (double) floors.get("dgemm_1024_gflops"),
                (double) floors.get("sgemm_1024_gflops"), (double) floors.get("trivial_job_ms"),
                (double) ours.get("overhead_over_trivial_job"),
                100 * (double) ours.get("compute_share_of_local_engine"),
                (double) floors.get("bytes_per_cached_sample"),
                (double) floors.get("float32_ceiling_samples_per_second"),
                (double) floors.get("flops_per_sample") / 1e3,
                100 * (double) ours.get("share_of_float32_ceiling"),
                100 * (double) local.get("share_of_float32_ceiling")));
        return s.toString();
    }

    /** Replaces the text between the markers {@code open} and {@code close} of {@code doc}, or appends it. */
    static void refresh(Path doc, String table, String open, String close) throws java.io.IOException {
        String text = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
        int start = text.indexOf(open);
        int end = text.indexOf(close);
        String block = open + "\n" + table + close;
        text = start >= 0 && end > start ? text.substring(0, start) + block + text.substring(end + close.length())
                : text + "\n" + block + "\n";
        Files.writeString(doc, text, StandardCharsets.UTF_8);
    }

    private static void progress(EpochReport r) {
        log(String.format("epoch %d: test %.2f%% at %.1f s, step %.1f ms (math %.1f)", r.epoch(),
                100 * r.testAccuracy(), r.elapsedSeconds(), r.stepMillis(), r.computeMillis()));
    }

    private static void log(String line) {
        System.err.println("[bench] " + line);
    }
}
