package io.dpnet.spark;

import io.dpnet.data.ArrayLimits;
import io.dpnet.data.DataBlock;
import io.dpnet.data.HeapRoom;
import io.dpnet.data.ShardManifest;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether training data fits where training is about to put it, checked on the driver once Spark has started and
 * before the first job: data that cannot fit is refused in one line (exit status 2) saying what it needs and what to do
 * instead, rather than running out of memory part way. Each rule refuses only what certainly cannot fit:
 * <ul>
 * <li>a set that the driver holds is cut into a piece per partition, a copy, while the driver still holds the set,
 *     and each piece is broadcast, which serializes it whole in the driver's heap (uncompressed where
 *     {@code spark.broadcast.compress} is false, as dpnet sets it): the driver's free heap must have room for the copy
 *     and, uncompressed, for the largest piece serialized (its features' bytes and a byte a label at least);</li>
 * <li>a task that caches a sharded set reads each of its shards whole: the largest shard must fit one array, and the
 *     heap of the JVM that the task runs in, the driver's in local mode, {@code spark.executor.memory} otherwise;</li>
 * </ul>
 * In local mode the executors are the driver's JVM: a sharded set cached in memory only (the default storage level)
 * that exceeds the driver's free heap draws a warning, not a refusal, since Spark leaves out of its cache what does not
 * fit and reads it again every epoch (slower, not broken).
 * A streamed set holds a window at a time, which {@link ShardSets#streamed} bounds.
 */
final class CacheRoom {
    private static final Logger LOG = LoggerFactory.getLogger(CacheRoom.class);

    private CacheRoom() {
    }

    /**
     * The driver's {@code room} has space for {@code block} cut into {@code partitions} pieces, and for the largest
     * piece serialized if {@code uncompressed} broadcasts serialize it at its size.
     */
    static void checkPieces(DataBlock block, String name, int partitions, boolean uncompressed, HeapRoom room) {
        int size = block.size();
        int parts = Math.max(1, Math.min(partitions, size));
        long largestPiece = ((long) size + parts - 1) / parts;
        long copy = (long) Math.ceil(block.bytesPerSample() * size);
        // Features as stored (Kryo and Java serialization write arrays of them raw), a label in a byte at least.
        double serializedPerSample = block.bytesPerSample() - Integer.BYTES + 1;
        long serialized = uncompressed ? (long) Math.ceil(serializedPerSample * largestPiece) : 0;
        long bytes = copy + serialized;
        if (!room.fits(bytes)) {
            throw new IllegalArgumentException(room.refusal(bytes, name + ": training cuts the set into a piece per "
                    + "partition, a copy that the driver holds besides the set, and serializes each piece to "
                    + "broadcast it; these"));
        }
    }

    /**
     * A sharded set in folder {@code dir} can be cached at storage {@code level}: in local mode in {@code driver},
     * else by executors of {@code executorMemory} bytes.
     */
    static void checkShards(String dir, ShardManifest manifest, boolean local, StorageLevel level,
                            long executorMemory, HeapRoom driver) {
        long width = (long) manifest.rows() * manifest.cols();
        long perSample = width + Integer.BYTES;
        int largest = 0;
        for (int k = 1; k < manifest.shardCount(); k++) {
            if (manifest.count(k) > manifest.count(largest)) {
                largest = k;
            }
        }
        int count = manifest.shardCount() == 0 ? 0 : manifest.count(largest);
        String shard = dir + ": the task that caches shard " + largest + " reads it whole; its " + count
                + " samples with their labels";
        if (ArrayLimits.product(count, width) > ArrayLimits.MAX_LENGTH) {
            throw new IllegalArgumentException(dir + ": shard " + largest + " holds " + count + " images of "
                    + manifest.rows() + "x" + manifest.cols() + ", more pixels than one array can hold: train with "
                    + "--stream, which reads a shard a slice at a time");
        }
        long shardBytes = count * perSample;
        if (local) {
            long total = ArrayLimits.product(manifest.totalCount(), perSample);
            if (level.useMemory() && !level.useDisk() && !level.useOffHeap() && !driver.fits(total)) {
                // Not a refusal: Spark leaves out of the cache what does not fit and reads it again every epoch.
                LOG.warn(driver.withAlternative("train with --stream, or cache the set on disk (--storage-level "
                        + "memory-and-disk or disk-only)").refusal(total, dir + ": cached in memory in this JVM "
                        + "(local mode), its " + manifest.totalCount() + " samples with their labels")
                        + "; the partitions that do not fit will be read from the files again every epoch");
            }
            if (!driver.fits(shardBytes)) {
                throw new IllegalArgumentException(driver.withAlternative("train with --stream")
                        .refusal(shardBytes, shard));
            }
        } else if (shardBytes > executorMemory) {
            throw new IllegalArgumentException(shard + " take " + HeapRoom.size(shardBytes) + " in memory, more than "
                    + "an executor's heap (spark.executor.memory, " + HeapRoom.size(executorMemory) + "): give the "
                    + "executors more memory (--executor-memory), or train with --stream");
        }
    }
}
