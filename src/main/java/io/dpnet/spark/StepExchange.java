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
 * <li>AUTO (the default): BARRIER when the cluster offers enough slots now and the exchange is small, else JOBS;
 * decided again at every epoch, so that an epoch after an executor loss still runs.</li>
 * </ul>
 * Set through the Spark property {@value #PROPERTY}, or for one thread's training the local property of that name.
 */
public enum StepExchange {
    AUTO, BARRIER, JOBS;

    public static final String PROPERTY = "spark.dpnet.exchange";

    public static StepExchange parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown exchange '" + name + "' (expected auto, barrier or jobs)");
        }
    }
}
