package io.dpnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkBuilder;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.nn.loss.Loss;
import io.dpnet.testing.LocalSpark;
import io.dpnet.testing.Tolerance;
import io.dpnet.train.Checkpoints;
import io.dpnet.train.EpochReport;
import io.dpnet.train.LocalTraining;
import io.dpnet.train.StepProgress;
import io.dpnet.train.StepSums;
import io.dpnet.train.TrainingConfig;
import io.dpnet.train.TrainingListener;
import io.dpnet.train.TrainingState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The barrier stage's ring for more partitions than the star through the driver used to take (8): an odd count, so
 * that chunks are uneven and the ring has no symmetry to hide an off-by-one.
 */
@LocalSpark(threads = 11)
class RingExchangeTest {
    private static final int PARTITIONS = 11;
    private static JavaSparkContext sc;

    @BeforeAll
    static void start(JavaSparkContext context) {
        sc = context;
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void elevenPartitionsRingTheSameModelAsOneJobPerStepAndAsOnePartition(Precision precision) {
        NetworkSpec spec = NetworkBuilder.input(10).dense(13).relu().dense(3).softmax()
                .loss(Loss.SOFTMAX_CROSS_ENTROPY);
        DataBlock train = PartitionEquivalenceTest.blobs(1003, 3);
        TrainingConfig config = TrainingConfig.builder().batchSize(96).epochs(2).seed(9).adam(0.01)
                .precision(precision).build();
        PartitionEquivalenceTest.JobCounter jobs = new PartitionEquivalenceTest.JobCounter();
        sc.sc().addSparkListener(jobs);
        SparkTraining.Result ring;
        SparkTraining.Result perStep;
        try {
            ring = fit(spec, config, train, StepExchange.AUTO);
            int ringJobs = jobs.takeCount();
            assertTrue(ringJobs <= 2 + 2, ringJobs + " jobs: auto chose the barrier stage for 11 partitions");
            perStep = fit(spec, config, train, StepExchange.JOBS);
        } finally {
            sc.sc().removeSparkListener(jobs);
        }
        assertArrayEquals(perStep.model().params(), ring.model().params(), "ring and one job per step, to the bit");
        for (int e = 0; e < 2; e++) {
            assertEquals(perStep.history().get(e).loss(), ring.history().get(e).loss(), 0.0);
        }
        Model local = LocalTraining.fit(spec, config, train, null);
        assertArrayEquals(local.params(), ring.model().params(), Tolerance.of(precision), "11 partitions against 1");
        assertTrue(ring.history().get(1).trainAccuracy() > 0.8, "learned: " + ring.history().get(1).trainAccuracy());
    }

    /**
     * Momentum (Nesterov) with weight decay and a decaying rate, and checkpoints inside epochs: the tasks' optimizer
     * state goes back to the driver at every checkpoint and epoch end, and every state the trainer hands on is the one
     * that one job per step gives.
     */
    @Test
    void checkpointsInsideEpochsTakeTheTasksStateBackToTheBit() {
        NetworkSpec spec = NetworkBuilder.input(10).dense(9).tanh().dense(3).softmax()
                .loss(Loss.SOFTMAX_CROSS_ENTROPY);
        DataBlock train = PartitionEquivalenceTest.blobs(777, 3);
        TrainingConfig config = TrainingConfig.builder().batchSize(64).epochs(2).seed(5)
                .sgd(0.05, 0.9, true, 1e-3).stepDecay(1, 0.5).build();
        List<TrainingState> ring = new ArrayList<>();
        List<TrainingState> perStep = new ArrayList<>();
        SparkTraining.Result ringResult = fit(spec, config, train, StepExchange.BARRIER,
                new Checkpoints(1, 5, ring::add));
        SparkTraining.Result jobsResult = fit(spec, config, train, StepExchange.JOBS,
                new Checkpoints(1, 5, perStep::add));
        // 13 steps an epoch: checkpoints at global steps 5, 10, 13 (the end), 15, 20, 25, 26.
        assertEquals(7, ring.size());
        assertEquals(perStep.size(), ring.size());
        for (int i = 0; i < ring.size(); i++) {
            assertEquals(perStep.get(i).step(), ring.get(i).step());
            assertArrayEquals(perStep.get(i).params(), ring.get(i).params(), 0.0, "params of checkpoint " + i);
            assertArrayEquals(perStep.get(i).optimizerState()[0], ring.get(i).optimizerState()[0], 0.0,
                    "momentum of checkpoint " + i);
        }
        assertArrayEquals(jobsResult.model().params(), ringResult.model().params(), 0.0);
    }

    /**
     * The barrier stage cancelled in the middle of an epoch (as when an executor is lost): the driver, whose weights
     * stand at the last sync, runs the steps the tasks had done since then again by jobs and goes on; the model, and
     * every checkpoint, is the one that one job per step gives, to the bit. With checkpoints every 5 steps the stage
     * is cancelled just before one, so that the sync for it is what fails.
     */
    @ParameterizedTest
    @CsvSource({"FLOAT32, false", "FLOAT64, false", "FLOAT32, true"})
    void aStageLostMidEpochIsReplayedByJobsToTheSameModel(Precision precision, boolean withCheckpoints) {
        NetworkSpec spec = NetworkBuilder.input(10).dense(11).relu().dense(3).softmax()
                .loss(Loss.SOFTMAX_CROSS_ENTROPY);
        DataBlock train = PartitionEquivalenceTest.blobs(900, 3);
        TrainingConfig config = TrainingConfig.builder().batchSize(50).epochs(2).seed(8).adam(0.01)
                .precision(precision).build();
        AtomicBoolean cancelled = new AtomicBoolean();
        TrainingListener canceller = new TrainingListener() {
            @Override
            public void onEpoch(EpochReport report) {
            }

            @Override
            public void onStep(StepProgress progress) {
                // Epoch 2's step 7 is global step 25: a checkpoint's, when there is one every 5 steps.
                if (progress.epoch() == 2 && progress.step() == 7 && !cancelled.getAndSet(true)) {
                    sc.sc().cancelAllJobs();
                }
            }
        };
        List<TrainingState> lostStates = new ArrayList<>();
        List<TrainingState> perStepStates = new ArrayList<>();
        PartitionEquivalenceTest.JobCounter jobs = new PartitionEquivalenceTest.JobCounter();
        sc.sc().addSparkListener(jobs);
        SparkTraining.Result lost;
        try {
            lost = fit(spec, config, train, StepExchange.BARRIER, checkpoints(withCheckpoints, lostStates),
                    canceller);
            // 18 steps an epoch: the first all in the stage; the second some in it, then again and to its end by jobs.
            int count = jobs.takeCount();
            assertTrue(count >= 2 + 11, count + " jobs: the lost steps ran again by jobs");
        } finally {
            sc.sc().removeSparkListener(jobs);
        }
        assertTrue(cancelled.get());
        SparkTraining.Result perStep = fit(spec, config, train, StepExchange.JOBS,
                checkpoints(withCheckpoints, perStepStates));
        assertArrayEquals(perStep.model().params(), lost.model().params(), 0.0);
        assertEquals(perStep.history().get(1).loss(), lost.history().get(1).loss(), 0.0);
        assertEquals(perStepStates.size(), lostStates.size());
        for (int i = 0; i < lostStates.size(); i++) {
            assertArrayEquals(perStepStates.get(i).params(), lostStates.get(i).params(), 0.0, "checkpoint " + i);
        }
    }

    private static Checkpoints checkpoints(boolean every5Steps, List<TrainingState> into) {
        return every5Steps ? new Checkpoints(1, 5, into::add) : Checkpoints.none();
    }

    /**
     * Connections to the exchange's port that send nothing or garbage while it waits for its tasks: each is greeted on
     * a thread of its own, so no epoch waits for them (before, each silent one held the handshake for 30 s), and the
     * fixed ports (the driver's, and the ring's above it) are bound again epoch after epoch.
     */
    @Test
    void silentAndGarbageConnectionsDelayNoEpoch() throws Exception {
        int port = freePorts(1 + 4); // the driver's, then the ring's: one per partition above it
        String host = sc.getConf().get("spark.driver.host");
        AtomicBoolean stop = new AtomicBoolean();
        List<Socket> opened = Collections.synchronizedList(new ArrayList<>());
        Thread squatter = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                try {
                    Socket socket = new Socket();
                    socket.connect(new InetSocketAddress(host, port), 200);
                    opened.add(socket);
                    if (i % 2 == 1) {
                        socket.getOutputStream().write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                            16, 0, 0, 0, 1});
                    }
                    Thread.sleep(2);
                } catch (IOException ignored) {
                    // The port is closed between epochs.
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        NetworkSpec spec = NetworkBuilder.input(10).dense(8).relu().dense(3).loss(Loss.SOFTMAX_CROSS_ENTROPY);
        TrainingConfig config = TrainingConfig.builder().batchSize(64).epochs(10).seed(2).build();
        squatter.start();
        long began = System.nanoTime();
        try (SparkTraining t = SparkTraining.open(sc, spec, config, TrainingData.of(PartitionEquivalenceTest.blobs(500,
                5)), null, new RunOptions(4, StepExchange.BARRIER, port, StorageLevel.MEMORY_ONLY()))) {
            assertEquals(10, t.fit().history().size());
        } finally {
            stop.set(true);
            squatter.join();
            for (Socket socket : opened) {
                socket.close();
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        assertTrue(opened.size() >= 10, "the squatter got in " + opened.size() + " times");
        assertTrue(seconds < 25, "10 epochs took " + seconds + " s with silent connections about");
    }

    /** A port p such that p to p + count - 1 are free now. */
    private static int freePorts(int count) throws IOException {
        while (true) {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            if (port + count > 65536) {
                continue;
            }
            boolean free = true;
            for (int p = port; p < port + count && free; p++) {
                try (ServerSocket taken = new ServerSocket(p)) {
                    taken.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return port;
            }
        }
    }

    /** Two partitions: each chunk is one addition, so the ring's order is the partitions' order. */
    @Test
    void twoPartitionsAddInPartitionOrder() {
        Random rng = new Random(4);
        List<StepSums> parts = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            StepSums s = new StepSums(7);
            for (int i = 0; i < 7; i++) {
                s.vector[i] = rng.nextGaussian();
            }
            s.loss = p + 1;
            s.count = 10 + p;
            parts.add(s);
        }
        StepSums plain = new StepSums(7).setToSum(parts);
        StepSums ring = RingOrder.sum(parts, Precision.FLOAT64, new StepSums(7));
        assertArrayEquals(plain.vector, ring.vector, 0.0);
        assertEquals(3.0, ring.loss);
        assertEquals(21, ring.count);
    }

    private static SparkTraining.Result fit(NetworkSpec spec, TrainingConfig config, DataBlock train,
                                            StepExchange exchange) {
        try (SparkTraining t = open(spec, config, train, exchange)) {
            return t.fit();
        }
    }

    private static SparkTraining.Result fit(NetworkSpec spec, TrainingConfig config, DataBlock train,
                                            StepExchange exchange, Checkpoints checkpoints,
                                            TrainingListener... listeners) {
        double[] start = spec.initialParams(config.initializer(), config.seed());
        try (SparkTraining t = open(spec, config, train, exchange)) {
            return t.fit(TrainingState.start(start), checkpoints, listeners);
        }
    }

    private static SparkTraining open(NetworkSpec spec, TrainingConfig config, DataBlock train,
                                      StepExchange exchange) {
        SparkTraining t = SparkTraining.open(sc, spec, config, TrainingData.of(train), null,
                RunOptions.defaults(sc).withPartitions(PARTITIONS).withExchange(exchange));
        assertEquals(PARTITIONS, t.partitions());
        return t;
    }
}
