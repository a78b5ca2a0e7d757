package io.dpnet.spark;

import java.io.Serializable;

/**
 * One DataFrame partition packed as {@link PackedPartition}, with the key of each of its rows (none once a row fails).
 * A class, not a record: Spark's Kryo serializer cannot rebuild records.
 */
final class KeyedPartition implements Serializable {
    private static final long serialVersionUID = 1L;

    final PackedPartition packed;
    final Object[] keys;

    KeyedPartition(PackedPartition packed, Object[] keys) {
        this.packed = packed;
        this.keys = packed.failed() ? null : keys;
    }
}
