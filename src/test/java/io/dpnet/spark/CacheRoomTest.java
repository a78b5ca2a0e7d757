package io.dpnet.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dpnet.data.DataBlock;
import io.dpnet.data.HeapRoom;
import io.dpnet.data.ShardInfo;
import io.dpnet.data.ShardManifest;
import java.util.List;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

/** The rules of {@link CacheRoom} on heaps of chosen sizes, independent of the machine's. */
class CacheRoomTest {
    private static final long GIB = 1L << 30;
    /** 10 shards of 1,000,000 images of 28x28: 788 MB each with their labels, 7.3 GiB in all. */
    private static final ShardManifest SET = set(1_000_000, 10);
    private static final HeapRoom FOUR_FREE = HeapRoom.fixed(4 * GIB, 6 * GIB);

    private static ShardManifest set(int perShard, int shards) {
        List<ShardInfo> infos = new java.util.ArrayList<>();
        for (int k = 0; k < shards; k++) {
            infos.add(new ShardInfo(k, perShard, 1L << 30, 1L << 20));
        }
        return new ShardManifest(28, 28, 0, "test", infos);
    }

    /** Spark leaves out of a memory-only cache what does not fit (and reads it again): a warning, not a refusal. */
    @Test
    void inLocalModeASetLargerThanTheDriversHeapIsNoReasonToRefuse() {
        for (StorageLevel level : List.of(StorageLevel.MEMORY_ONLY(), StorageLevel.MEMORY_ONLY_SER())) {
            assertDoesNotThrow(() -> CacheRoom.checkShards("set", SET, true, level, GIB, FOUR_FREE));
        }
    }

    /** On disk, only the shards that a task holds at once must fit. */
    @Test
    void aSetCachedOnDiskNeedsRoomForItsLargestShardOnly() {
        for (StorageLevel level : List.of(StorageLevel.MEMORY_AND_DISK(), StorageLevel.DISK_ONLY())) {
            assertDoesNotThrow(() -> CacheRoom.checkShards("set", SET, true, level, GIB, FOUR_FREE));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CacheRoom.checkShards("set",
                SET, true, StorageLevel.DISK_ONLY(), GIB, HeapRoom.fixed(GIB / 2, 6 * GIB)));
        assertEquals("set: the task that caches shard 0 reads it whole; its 1000000 samples with their labels take "
                + "751.5 MiB in memory, more than the 512.0 MiB of heap free (of 6.0 GiB): give the JVM more heap "
                + "(JAVA_OPTS=-Xmx... for scripts/dpnet, --driver-memory for spark-submit), or train with --stream",
                e.getMessage());
    }

    /** On a cluster the driver holds none of it: an executor must hold the largest shard. */
    @Test
    void onAClusterAnExecutorMustHoldTheLargestShard() {
        HeapRoom tiny = HeapRoom.fixed(1, 1);
        assertDoesNotThrow(() -> CacheRoom.checkShards("set", SET, false, StorageLevel.MEMORY_ONLY(), GIB, tiny));
        ShardManifest uneven = new ShardManifest(28, 28, 0, "test", List.of(new ShardInfo(0, 10, 1L << 20, 1024),
                new ShardInfo(1, 2_000_000, 1L << 30, 1L << 20)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CacheRoom.checkShards("set",
                uneven, false, StorageLevel.DISK_ONLY(), GIB, tiny));
        assertEquals("set: the task that caches shard 1 reads it whole; its 2000000 samples with their labels take "
                + "1.5 GiB in memory, more than an executor's heap (spark.executor.memory, 1.0 GiB): give the "
                + "executors more memory (--executor-memory), or train with --stream", e.getMessage());
    }

    @Test
    void aShardBeyondOneArrayIsForStreamingOnly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CacheRoom.checkShards("set",
                set(3_000_000, 1), false, StorageLevel.MEMORY_ONLY(), Long.MAX_VALUE, FOUR_FREE));
        assertEquals("set: shard 0 holds 3000000 images of 28x28, more pixels than one array can hold: train with "
                + "--stream, which reads a shard a slice at a time", e.getMessage());
    }

    /**
     * The driver cuts a set it holds into pieces, a copy: 100 samples of 10 pixels take 1,400 bytes; broadcast
     * uncompressed, the largest of 3 pieces (34 samples) is serialized whole besides, 374 bytes at least.
     */
    @Test
    void theDriverMustHaveRoomForTheCopyItCutsIntoPiecesAndForAPieceSerialized() {
        DataBlock block = DataBlock.ofPixels(new byte[1000], 10, new int[100]);
        assertDoesNotThrow(() -> CacheRoom.checkPieces(block, "data", 3, false, HeapRoom.fixed(1400, 4000)));
        assertDoesNotThrow(() -> CacheRoom.checkPieces(block, "data", 3, true, HeapRoom.fixed(1774, 4000)));
        assertThrows(IllegalArgumentException.class,
                () -> CacheRoom.checkPieces(block, "data", 3, false, HeapRoom.fixed(1399, 4000)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CacheRoom.checkPieces(block, "data", 3, true, HeapRoom.fixed(1000, 4000)));
        assertEquals("data: training cuts the set into a piece per partition, a copy that the driver holds besides "
                + "the set, and serializes each piece to broadcast it; these take 1.7 KiB in memory, more than the "
                + "1000 bytes of heap free (of 3.9 KiB): give the JVM more heap (JAVA_OPTS=-Xmx... for "
                + "scripts/dpnet, --driver-memory for spark-submit), or train on a sharded set (as generate writes) "
                + "with --stream", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CacheRoom.checkPieces(block, "data", 3, true, HeapRoom.fixed(1773, 4000)));
    }
}
