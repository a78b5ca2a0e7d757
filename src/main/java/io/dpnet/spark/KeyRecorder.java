package io.dpnet.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * Passes a partition's rows on while keeping each one's key (the value at {@code keyIndex}), so that the keys come
 * from the same pass as the packed samples and cannot fall out of step with them. It ends before the first row whose
 * key is null, which the caller reports.
 */
final class KeyRecorder implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final int keyIndex;
    private final List<Object> keys = new ArrayList<>();
    private Row next;
    private boolean nullKey;

    KeyRecorder(Iterator<Row> rows, int keyIndex) {
        this.rows = rows;
        this.keyIndex = keyIndex;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !nullKey && rows.hasNext()) {
            Row row = rows.next();
            if (row.isNullAt(keyIndex)) {
                nullKey = true;
            } else {
                next = row;
            }
        }
        return next != null;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row row = next;
        next = null;
        keys.add(row.get(keyIndex));
        return row;
    }

    /** Whether the rows ended at a null key rather than at their end. */
    boolean stoppedAtNullKey() {
        return nullKey;
    }

    /** The keys of the rows passed on, in order. */
    Object[] keys() {
        return keys.toArray();
    }
}
