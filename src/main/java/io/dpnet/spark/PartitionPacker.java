package io.dpnet.spark;

import io.dpnet.data.DataBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * Packs the {@code (features, label)} rows of one partition into a {@link DataBlock}, checking each row on the way
 * and stopping at the first bad one. Features are gathered in chunks and copied once into the block's array, so
 * packing needs at most twice the partition's packed size, never a list of rows.
 */
final class PartitionPacker {
    private static final int FIRST_CHUNK = 1 << 12;
    private static final int LARGEST_CHUNK = 1 << 20;
    /** Java arrays stop a little short of Integer.MAX_VALUE. */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private final RowCheck check;
    private final List<double[]> fullChunks = new ArrayList<>();
    private final List<Integer> fullChunkFill = new ArrayList<>();
    private double[] chunk = new double[0];
    private int inChunk;
    private long values;
    private int[] labels = new int[64];
    private int rows;

    private PartitionPacker(RowCheck check) {
        this.check = check;
    }

    static PackedPartition pack(int partition, Iterator<Row> rows, RowCheck check) {
        return new PartitionPacker(check).packAll(partition, rows);
    }

    private PackedPartition packAll(int partition, Iterator<Row> input) {
        int width = check.featureCount();
        while (input.hasNext()) {
            Row row = input.next();
            String problem = check.featuresProblem(row);
            if (problem == null) {
                problem = check.labelProblem(row);
            }
            if (problem == null && values + width > MAX_VALUES) {
                problem = "the partition holds more than " + MAX_VALUES + " feature values, more than one array "
                        + "can: repartition the DataFrame into more partitions";
            }
            if (problem != null) {
                return PackedPartition.failed(partition, rows, problem);
            }
            add((Vector) row.get(RowCheck.FEATURES), RowCheck.label(row), width);
        }
        return PackedPartition.packed(partition, DataBlock.ofFeatures(features(), width, Arrays.copyOf(labels, rows)));
    }

    private void add(Vector features, int label, int width) {
        // Writes zeros for a sparse vector's absent entries, then its values over them.
        int start = chunkRoom(width);
        if (features instanceof SparseVector sparse) {
            Arrays.fill(chunk, start, start + width, 0.0);
            int[] indices = sparse.indices();
            double[] v = sparse.values();
            for (int i = 0; i < indices.length; i++) {
                chunk[start + indices[i]] = v[i];
            }
        } else {
            System.arraycopy(features.toArray(), 0, chunk, start, width);
        }
        inChunk += width;
        values += width;
        if (rows == labels.length) {
            labels = Arrays.copyOf(labels, rows * 2);
        }
        labels[rows++] = label;
    }

    /** Where the next sample goes, in a chunk with room for it; chunks grow, and hold whole samples only. */
    private int chunkRoom(int width) {
        if (chunk.length - inChunk < width) {
            if (inChunk > 0) {
                fullChunks.add(chunk);
                fullChunkFill.add(inChunk);
            }
            int size = Math.max(width, Math.min(LARGEST_CHUNK, Math.max(FIRST_CHUNK, 2 * chunk.length)));
            chunk = new double[size];
            inChunk = 0;
        }
        return inChunk;
    }

    private double[] features() {
        double[] all = new double[Math.toIntExact(values)];
        int at = 0;
        for (int k = 0; k < fullChunks.size(); k++) {
            System.arraycopy(fullChunks.get(k), 0, all, at, fullChunkFill.get(k));
            at += fullChunkFill.get(k);
        }
        System.arraycopy(chunk, 0, all, at, inChunk);
        return all;
    }
}
