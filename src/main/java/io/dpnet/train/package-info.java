/**
 * Training without Spark in it: the synchronous step loop ({@code Trainer}) and what it asks of the partitions at each
 * synchronization ({@code SyncSource}: a step's gradient sums, or a model-averaging round); the seeded epoch order that
 * makes global mini-batches independent of the partitioning; one partition's work, a class for each job (its step
 * samples, its gradient, its averaging round, its evaluation); and the local engine that runs them in threads.
 */
package io.dpnet.train;
