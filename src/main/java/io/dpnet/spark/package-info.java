/**
 * Training on Spark. {@code SparkTraining.open} is the one entry point: it takes {@code TrainingData} (a driver block,
 * partitioned blocks, a sharded set cached or streamed, a DataFrame), checks it against the network, and caches one
 * shard per partition on the executors. Each step's sums then meet through the exchange the {@code RunOptions} name: a
 * barrier stage per epoch whose tasks add them up around a ring and update the parameters chunk by chunk while the
 * driver decides each step (its links authenticated, and encrypted where Spark encrypts: {@code spark.secure}), or one
 * Spark job per step. Also here: evaluation and prediction where the data lives, DataFrame packing, and generation of
 * sharded sets.
 */
package io.dpnet.spark;
