package io.dpnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.dpnet.nn.Precision;
import io.dpnet.spark.secure.LinkSecurity;
import io.dpnet.train.StepSums;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ring's collectives on their own, one thread per partition over loopback sockets, with chunks of several segments
 * (which training on small networks never has): the reduce-scatter must give each partition the total of its chunk in
 * {@link RingOrder}, to the bit, and the all-gather every chunk to every partition, encrypted or not.
 */
class RingLinksTest {

    @ParameterizedTest
    @CsvSource({"3, FLOAT32, false", "4, FLOAT64, false", "3, FLOAT32, true", "2, FLOAT64, true"})
    void reduceScatterAndAllGatherOverSeveralSegments(int partitions, Precision precision, boolean encrypt)
            throws Exception {
        int length = partitions * (2 * RingLinks.SEGMENT + 77) + 5; // uneven chunks of 2 full segments and a piece
        Random rng = new Random(partitions);
        List<StepSums> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            StepSums part = new StepSums(length);
            for (int i = 0; i < length; i++) {
                part.vector[i] = (float) rng.nextGaussian();
            }
            parts.add(part);
        }
        double[] expected = RingOrder.sum(parts, precision, new StepSums(length)).vector;
        double[] gathered = new double[length];
        for (int i = 0; i < length; i++) {
            gathered[i] = i * 0.5;
        }

        byte[] key = new byte[16];
        rng.nextBytes(key);
        List<ServerSocket> servers = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            servers.add(server);
        }
        ExecutorService tasks = Executors.newFixedThreadPool(partitions);
        try {
            List<Future<double[][]>> results = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                int self = p;
                results.add(tasks.submit(() -> {
                    int right = (self + 1) % partitions;
                    try (RingLinks ring = RingLinks.join(servers.get(self), "127.0.0.1",
                            servers.get(right).getLocalPort(), LinkSecurity.of(key, encrypt), self, partitions,
                            length, precision)) {
                        double[] sums = parts.get(self).vector.clone();
                        ring.reduceScatter(sums);
                        double[] all = new double[length];
                        int from = ring.start(ring.held());
                        int to = ring.start(ring.held() + 1);
                        System.arraycopy(gathered, from, all, from, to - from);
                        ring.allGather(all, ring.held());
                        return new double[][] {sums, all, {from, to}};
                    }
                }));
            }
            for (int p = 0; p < partitions; p++) {
                double[][] result = results.get(p).get();
                int from = (int) result[2][0];
                int to = (int) result[2][1];
                double[] held = Arrays.copyOfRange(result[0], from, to);
                assertArrayEquals(Arrays.copyOfRange(expected, from, to), held, 0.0,
                        "partition " + p + "'s chunk of the total");
                assertArrayEquals(gathered, result[1], 0.0, "partition " + p + " gathered every chunk");
            }
        } finally {
            tasks.shutdownNow();
            for (ServerSocket server : servers) {
                server.close();
            }
        }
    }
}
