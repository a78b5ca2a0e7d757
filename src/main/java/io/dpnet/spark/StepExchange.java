package io.dpnet.spark;

import java.util.Locale;

/**
 * How the partitions' gradients meet at every step of synchronous gradient averaging. Both give the same model to
 * the bit; they differ in cost and in what the cluster must offer.
 * <ul>
 * <li>BARRIER: one barrier stage per epoch whose tasks stay connected to the driver and to each other in a ring, and
 * add their sums up around it at every step (see {@link BarrierSession}). Needs a task slot for every partition at
 * once, and executors that can open TCP connections to the driver and to each other; the driver sends and receives
 * one vector per step whatever the number of partitions.</li>
 * <li>JOBS: one Spark job per step, with the weights broadcast and the partitions' sums collected and added on the
 * driver in the ring's order. Works on any cluster, with dynamic allocation, and with more partitions than the
 * cluster runs at once.</li>
 * <li>AUTO (the default): BARRIER when the live executors have a task slot for every partition and dynamic
 * allocation is off, else JOBS; decided again at every epoch, so that an epoch after an executor loss still runs.</li>
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
