package io.dpnet.spark;

import java.util.Locale;

/**
 * How the partitions' gradients meet at every step of synchronous gradient averaging. Both give the same model to
 * the bit; they differ in cost and in what the cluster must offer.
 * <ul>
 * <li>BARRIER: one barrier stage per epoch whose tasks stay connected to the driver and trade weights for sums at
 * every step (see {@link BarrierSession}). Needs a task slot for every partition at once, and executors that can open
 * a TCP connection to the driver; the driver sends and receives one vector per partition and step, so it suits a
 * few partitions.</li>
 * <li>JOBS: one Spark job per step, with the weights broadcast and the sums added on the driver. Works on any
 * cluster, with any number of partitions, and with dynamic allocation.</li>
 * <li>AUTO (the default): BARRIER for at most 8 partitions when the cluster offers a slot for each now, dynamic
 * allocation is off and a step moves at most 256 MB through the driver, else JOBS; decided again at every epoch, so
 * that an epoch after an executor loss still runs.</li>
 * </ul>
 * Chosen per run in {@link RunOptions}; the Spark property {@value RunOptions#EXCHANGE_PROPERTY} sets the default.
 */
public enum StepExchange {
    AUTO, BARRIER, JOBS;

    public static StepExchange parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown exchange '" + name + "' (expected auto, barrier or jobs)");
        }
    }
}
