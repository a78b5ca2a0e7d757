package io.dpnet.data;

import java.io.Serializable;

/**
 * One written shard of a sharded IDX set: its number, its sample count and the sizes of its two files as written,
 * which let a reader spot a truncated or replaced file without decompressing it.
 */
public record ShardInfo(int index, int count, long imagesBytes, long labelsBytes) implements Serializable {
    public ShardInfo {
        if (index < 0 || count < 0 || imagesBytes < 0 || labelsBytes < 0) {
            throw new IllegalArgumentException("shard " + index + " with " + count + " samples and files of "
                    + imagesBytes + " and " + labelsBytes + " bytes");
        }
    }
}
