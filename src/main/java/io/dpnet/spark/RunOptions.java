package io.dpnet.spark;

import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * How one training run uses the cluster, apart from the math: how many partitions hold the data, how their gradients
 * meet at each step ({@link StepExchange}), the port on which the driver takes the barrier exchange's connections
 * (0: any), and where executors cache the data. Under gradient averaging none of them changes the model (under model
 * averaging the partitioning does). The Spark properties
 * {@value #EXCHANGE_PROPERTY}, {@value #PORT_PROPERTY} and {@value #STORAGE_PROPERTY} supply the defaults
 * ({@link #defaults}); a run's own choices are made here.
 */
public record RunOptions(int partitions, StepExchange exchange, int exchangePort, StorageLevel storageLevel) {
    public static final String EXCHANGE_PROPERTY = "spark.dpnet.exchange";
    /**
     * For clusters whose firewalls allow only known ports: the driver's exchange port P; partition p's task listens for
     * its ring neighbour on P + 1 + p.
     */
    public static final String PORT_PROPERTY = "spark.dpnet.exchange.port";
    public static final String STORAGE_PROPERTY = "spark.dpnet.storageLevel";

    public RunOptions {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        if (exchangePort < 0 || exchangePort > 65535) {
            throw new IllegalArgumentException(PORT_PROPERTY + " must be a port number (0 for any), got "
                    + exchangePort);
        }
        if (exchangePort > 0 && exchangePort + partitions > 65535) {
            throw new IllegalArgumentException(PORT_PROPERTY + " " + exchangePort + " leaves no room for the ring's "
                    + partitions + " ports above it (up to 65535)");
        }
        if (exchange == null || storageLevel == null) {
            throw new IllegalArgumentException("an exchange and a storage level are needed");
        }
    }

    /**
     * Spark's default parallelism as the partitions (one per core in local mode, all executor cores on a cluster),
     * and the application's {@code spark.dpnet.*} settings: exchange {@code auto}, any port and {@code MEMORY_ONLY}
     * where they are not set.
     */
    public static RunOptions defaults(JavaSparkContext sc) {
        SparkConf conf = sc.getConf();
        return new RunOptions(sc.defaultParallelism(), StepExchange.parse(conf.get(EXCHANGE_PROPERTY, "auto")),
                conf.getInt(PORT_PROPERTY, 0), parseStorageLevel(conf.get(STORAGE_PROPERTY, "MEMORY_ONLY")));
    }

    public RunOptions withPartitions(int newPartitions) {
        return new RunOptions(newPartitions, exchange, exchangePort, storageLevel);
    }

    public RunOptions withExchange(StepExchange newExchange) {
        return new RunOptions(partitions, newExchange, exchangePort, storageLevel);
    }

    /**
     * MEMORY_ONLY keeps the data in the executors' memory; MEMORY_AND_DISK spills what does not fit; DISK_ONLY keeps
     * the executors' memory for computing, and a task then reads its shard from disk once per epoch under the barrier
     * exchange (once per step under one job per step).
     */
    public RunOptions withStorageLevel(StorageLevel newStorageLevel) {
        return new RunOptions(partitions, exchange, exchangePort, newStorageLevel);
    }

    /** A storage level by Spark's name, case and dashes forgiven ({@code memory-and-disk}). */
    public static StorageLevel parseStorageLevel(String name) {
        try {
            return StorageLevel.fromString(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown storage level '" + name + "' (expected MEMORY_ONLY, "
                    + "MEMORY_AND_DISK, DISK_ONLY, MEMORY_ONLY_SER or MEMORY_AND_DISK_SER)");
        }
    }
}
