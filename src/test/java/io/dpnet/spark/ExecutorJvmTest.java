package io.dpnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.config.Recipe;
import io.dpnet.config.RecipeLoader;
import io.dpnet.data.BundledMnist;
import io.dpnet.data.DataBlock;
import io.dpnet.data.MnistData;
import io.dpnet.nn.Blas;
import io.dpnet.nn.Model;
import io.dpnet.testing.SparkTestConf;
import io.dpnet.testing.Tolerance;
import io.dpnet.train.EpochReport;
import io.dpnet.train.LocalTraining;
import io.dpnet.train.StepProgress;
import io.dpnet.train.TrainingConfig;
import io.dpnet.train.TrainingListener;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Training on two executor JVMs of their own ({@code local-cluster[2,2,1024]}: a standalone master and two workers in
 * this JVM, each launching an executor process of two task slots) in four partitions, so that weights, shards and
 * sums really cross process boundaries, through Spark's serializers and around the barrier stage's ring, which passes
 * from one process to the other twice. The model must equal the local engine's: the partitioning and the processes
 * must not matter.
 */
@Tag("integration")
class ExecutorJvmTest {

    /** When an executor is killed, if at all. */
    private enum Kill { NONE, AFTER_EPOCH_1, DURING_EPOCH_2 }

    @Test
    void trainsOnSeparateExecutorProcesses() throws IOException {
        assertSameModelAsLocalEngine(Kill.NONE);
    }

    /**
     * Executor loss between epochs: Spark rebuilds the lost cached shards from their lineage (the driver still holds
     * the data's broadcasts), and while the cluster is a slot short the next epoch runs one job per step.
     * Synchronous gradient averaging keeps no state on executors, so the model is still exactly the local engine's.
     */
    @Test
    void survivesTheLossOfAnExecutorBetweenEpochs() throws IOException {
        assertSameModelAsLocalEngine(Kill.AFTER_EPOCH_1);
    }

    /**
     * Executor loss in the middle of an epoch's barrier stage: Spark gives up a failed barrier result stage, so the
     * driver repeats the step it was on, and the rest of the epoch, with one Spark job per step.
     */
    @Test
    void survivesTheLossOfAnExecutorDuringABarrierStage() throws IOException {
        assertSameModelAsLocalEngine(Kill.DURING_EPOCH_2);
    }

    private static void assertSameModelAsLocalEngine(Kill kill) throws IOException {
        Path sparkHome = sparkHomeWithJars();
        Path appJar = jarOf(Path.of("target/classes"), sparkHome.resolve("dpnet-app.jar"));
        // This class too, for the executors to run its probe of their BLAS.
        Path testJar = jarOf(Path.of("target/test-classes"), sparkHome.resolve("dpnet-tests.jar"));
        String jvmFlags = String.join(" ", SparkTestConf.moduleFlags());
        // Authenticated and encrypted, as a secured cluster is: the exchange's links must prove themselves with the
        // application's secret, which the executors hold, and encrypt what they carry.
        SparkConf conf = SparkTestConf.forMaster(ExecutorJvmTest.class, "local-cluster[2,2,1024]")
                .set("spark.jars", appJar + "," + testJar)
                .set("spark.executor.extraJavaOptions", jvmFlags)
                .set("spark.authenticate", "true")
                .set("spark.authenticate.secret", UUID.randomUUID().toString())
                .set("spark.network.crypto.enabled", "true");

        MnistData digits = BundledMnist.load();
        DataBlock train = digits.train().slice(0, 4000);
        DataBlock test = digits.test().slice(0, 1000);
        Recipe recipe = RecipeLoader.defaults();
        // Small batches: an epoch of 63 steps lasts long enough to be hit in the middle.
        TrainingConfig config = recipe.training().toBuilder().epochs(3).batchSize(64).build();
        SparkTraining.Result result;
        AtomicLong killed = new AtomicLong();
        AtomicInteger failedStages = new AtomicInteger();
        PartitionEquivalenceTest.JobCounter jobs = new PartitionEquivalenceTest.JobCounter();
        try (JavaSparkContext sc = new JavaSparkContext(conf);
             SparkTraining training = SparkTraining.open(sc, recipe.network(), config, TrainingData.of(train),
                     TestSet.of(test), RunOptions.defaults(sc).withPartitions(4))) {
            assertEquals(2, sc.sc().getExecutorIds().size(), "two executor processes");
            if (System.getProperty("os.name").equals("Linux") && System.getProperty(Blas.CHOICE) == null) {
                // The executors have nothing installed either: the OpenBLAS inside the build serves them too.
                for (String blas : sc.parallelize(List.of(1, 2), 2)
                        .map(i -> Blas.isNative() + " " + Blas.description()).collect()) {
                    assertTrue(blas.startsWith("true native: OpenBLAS bundled with dpnet"), blas);
                }
            }
            sc.sc().addSparkListener(new FailedStages(failedStages));
            sc.sc().addSparkListener(jobs);
            result = training.fit(new TrainingListener() {
                @Override
                public void onEpoch(EpochReport report) {
                    if (kill == Kill.AFTER_EPOCH_1 && report.epoch() == 1) {
                        killed.set(killAnExecutor());
                    }
                }

                // Between two steps of epoch 2 the barrier stage's tasks are running, waiting for the next step.
                @Override
                public void onStep(StepProgress progress) {
                    if (kill == Kill.DURING_EPOCH_2 && progress.epoch() == 2 && progress.step() == 10) {
                        killed.set(killAnExecutor());
                    }
                }
            });
        }
        if (kill != Kill.NONE) {
            assertTrue(killed.get() > 0, "an executor process was found and killed");
        } else {
            int count = jobs.takeCount();
            assertTrue(count < 20, count + " jobs for 3 epochs of 63 steps: the steps ran in barrier stages");
        }
        if (kill == Kill.DURING_EPOCH_2) {
            assertTrue(failedStages.get() > 0, "the kill hit a running barrier stage");
        }
        double accuracy = result.history().get(2).testAccuracy();
        assertTrue(accuracy > 0.85, "test accuracy " + accuracy);
        Model local = LocalTraining.fit(recipe.network(), config, train, null);
        double[] a = result.model().params();
        for (int i = 0; i < a.length; i++) {
            assertEquals(local.params()[i], a[i], Tolerance.of(config.precision()),
                    "parameter " + i + ", executors vs local engine");
        }
    }

    /** Counts the stages that failed. */
    private static final class FailedStages extends SparkListener {
        private final AtomicInteger failed;

        FailedStages(AtomicInteger failed) {
            this.failed = failed;
        }

        @Override
        public void onStageCompleted(SparkListenerStageCompleted completed) {
            if (completed.stageInfo().failureReason().isDefined()) {
                failed.incrementAndGet();
            }
        }
    }

    /** Kills one executor process (a child of this JVM under local-cluster) and waits for it to end; its pid. */
    private static long killAnExecutor() {
        ProcessHandle executor = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                .findFirst().orElseThrow(() -> new AssertionError("no executor process found"));
        executor.destroyForcibly();
        executor.onExit().join();
        return executor.pid();
    }

    /**
     * SPARK_HOME (set by the build for the tests) laid out as executors expect of a Spark source tree under test:
     * {@code assembly/target/scala-2.13/jars}, here links to the jars of this JVM's class path.
     */
    private static Path sparkHomeWithJars() throws IOException {
        String home = System.getenv("SPARK_HOME");
        assertNotNull(home, "SPARK_HOME must be set (the pom sets it for Surefire)");
        Path jars = Files.createDirectories(Path.of(home, "assembly", "target",
                "scala-" + System.getenv().getOrDefault("SPARK_SCALA_VERSION", "2.13"), "jars"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            Path link = jars.resolve(jar.getFileName());
            if (entry.endsWith(".jar") && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, jar.toAbsolutePath());
            }
        }
        return Path.of(home);
    }

    /** A jar of the compiled main classes, for the executors. */
    private static Path jarOf(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, (OutputStream) out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
