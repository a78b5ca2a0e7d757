/**
 * The distributed trainer: data cached as packed shards across executors, one Spark job per synchronous step
 * (broadcast weights, per-partition gradient sums added up on the driver), evaluation where the data lives.
 */
package io.dpnet.spark;
