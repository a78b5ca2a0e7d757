/**
 * Training without Spark in it: the synchronous step loop, the seeded epoch order that makes global mini-batches
 * independent of partitioning, shards that compute their share of a step, and the local engine.
 */
package io.dpnet.train;
