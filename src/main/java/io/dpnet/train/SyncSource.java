package io.dpnet.train;

/**
 * What the partitions give the step loop at each synchronization, by the config's {@link Sync} mode: the gradient sums
 * of a global step ({@link GradientSource}), or the weighted parameters of a model-averaging round
 * ({@link AveragingSource}). Computed in this JVM (the local engine) or across a Spark cluster.
 */
public sealed interface SyncSource permits GradientSource, AveragingSource {
}
