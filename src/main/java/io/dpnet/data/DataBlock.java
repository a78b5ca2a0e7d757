package io.dpnet.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A contiguous run of labelled samples packed in flat arrays: one object per block, never one per sample.
 *
 * <p>Features are held either as unsigned bytes (pixels, 1 byte each, scaled to [0,1] when read) or as doubles.
 * Sample {@code i} of the block is sample {@code firstIndex + i} of the whole data set; that global index is what
 * makes mini-batch selection independent of how the data is partitioned.
 */
public final class DataBlock implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final double PIXEL_SCALE = 1.0 / 255.0;

    private final long firstIndex;
    private final int size;
    private final int featureCount;
    private final byte[] pixels;
    private final double[] features;
    private final int[] labels;

    private DataBlock(long firstIndex, int size, int featureCount, byte[] pixels, double[] features, int[] labels) {
        if (labels.length != size) {
            throw new IllegalArgumentException("block has " + size + " samples but " + labels.length + " labels");
        }
        long expected = (long) size * featureCount;
        long actual = pixels != null ? pixels.length : features.length;
        if (actual != expected) {
            throw new IllegalArgumentException("block of " + size + " samples x " + featureCount
                    + " features needs " + expected + " values, got " + actual);
        }
        this.firstIndex = firstIndex;
        this.size = size;
        this.featureCount = featureCount;
        this.pixels = pixels;
        this.features = features;
        this.labels = labels;
    }

    /** Samples whose features are pixels 0..255, stored one byte each (row-major, sample after sample). */
    public static DataBlock ofPixels(byte[] pixels, int featureCount, int[] labels) {
        return new DataBlock(0, labels.length, featureCount, pixels, null, labels);
    }

    /**
     * Pixel samples that are samples {@code firstIndex ..} of a larger data set, as one shard of a sharded set is:
     * the global index keeps mini-batch selection independent of how the set was split into files.
     */
    public static DataBlock ofPixels(long firstIndex, byte[] pixels, int featureCount, int[] labels) {
        if (firstIndex < 0) {
            throw new IllegalArgumentException("first index must be >= 0, got " + firstIndex);
        }
        return new DataBlock(firstIndex, labels.length, featureCount, pixels, null, labels);
    }

    /** Samples whose features are arbitrary doubles (sample after sample). */
    public static DataBlock ofFeatures(double[] features, int featureCount, int[] labels) {
        return new DataBlock(0, labels.length, featureCount, null, features, labels);
    }

    public long firstIndex() {
        return firstIndex;
    }

    public int size() {
        return size;
    }

    public int featureCount() {
        return featureCount;
    }

    public boolean isPixels() {
        return pixels != null;
    }

    public int label(int i) {
        return labels[i];
    }

    /** Largest label in the block, or -1 when it is empty. */
    public int maxLabel() {
        int max = -1;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        return max;
    }

    /** Bytes this block holds per sample (features plus label), for memory reports. */
    public double bytesPerSample() {
        return (pixels != null ? featureCount : 8.0 * featureCount) + 4.0;
    }

    public double feature(int i, int j) {
        int at = i * featureCount + j;
        return pixels != null ? (pixels[at] & 0xff) * PIXEL_SCALE : features[at];
    }

    /** Writes the features of sample {@code i} to {@code dst[offset..offset+featureCount)}. */
    public void copyFeatures(int i, double[] dst, int offset) {
        int base = i * featureCount;
        if (pixels != null) {
            for (int j = 0; j < featureCount; j++) {
                dst[offset + j] = (pixels[base + j] & 0xff) * PIXEL_SCALE;
            }
        } else {
            System.arraycopy(features, base, dst, offset, featureCount);
        }
    }

    /** Copies the raw pixels (0..255 as bytes) of sample {@code i} to {@code dst[offset..offset+featureCount)}. */
    public void copyPixels(int i, byte[] dst, int offset) {
        if (pixels == null) {
            throw new IllegalStateException("block holds double features, not pixels");
        }
        System.arraycopy(pixels, i * featureCount, dst, offset, featureCount);
    }

    /**
     * Gathers samples {@code order[from..to)} into a column-major [featureCount x (to-from)] matrix and their labels:
     * the layout the network takes as one mini-batch.
     */
    public void gather(int[] order, int from, int to, double[] x, int[] y) {
        for (int k = from; k < to; k++) {
            int i = order[k];
            copyFeatures(i, x, (k - from) * featureCount);
            y[k - from] = labels[i];
        }
    }

    /** Gathers the {@code n} consecutive samples from {@code from} into [featureCount x n] and their labels. */
    public void gather(int from, int n, double[] x, int[] y) {
        for (int k = 0; k < n; k++) {
            copyFeatures(from + k, x, k * featureCount);
            y[k] = labels[from + k];
        }
    }

    /**
     * The same samples (sharing their arrays) as samples {@code first, first+1, ...} of a larger data set: for blocks
     * packed where the data lives, whose place in the whole is known only once every partition has been counted.
     */
    public DataBlock startingAt(long first) {
        if (first < 0) {
            throw new IllegalArgumentException("a block cannot start at global index " + first);
        }
        return new DataBlock(first, size, featureCount, pixels, features, labels);
    }

    /**
     * Blocks that together cover consecutive global indices (in any order) as one block: pixels stay bytes when every
     * piece holds pixels. One block per partition means one matrix product per step rather than one per piece.
     */
    public static DataBlock join(List<DataBlock> blocks) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("no blocks to join");
        }
        List<DataBlock> pieces = new ArrayList<>(blocks);
        pieces.sort(Comparator.comparingLong(DataBlock::firstIndex));
        DataBlock first = pieces.get(0);
        int width = first.featureCount;
        boolean bytes = pieces.stream().allMatch(DataBlock::isPixels);
        int size = Math.toIntExact(pieces.stream().mapToLong(DataBlock::size).sum());
        byte[] px = bytes ? new byte[Math.multiplyExact(size, width)] : null;
        double[] fs = bytes ? null : new double[Math.multiplyExact(size, width)];
        int[] ls = new int[size];
        long expected = first.firstIndex;
        int at = 0;
        for (DataBlock piece : pieces) {
            if (piece.firstIndex != expected || piece.featureCount != width) {
                throw new IllegalArgumentException("blocks do not join: expected global index " + expected + " and "
                        + width + " features, got " + piece.firstIndex + " and " + piece.featureCount);
            }
            for (int i = 0; i < piece.size; i++, at++) {
                if (bytes) {
                    piece.copyPixels(i, px, at * width);
                } else {
                    piece.copyFeatures(i, fs, at * width);
                }
                ls[at] = piece.labels[i];
            }
            expected += piece.size;
        }
        return new DataBlock(first.firstIndex, size, width, px, fs, ls);
    }

    /** Samples {@code [from, to)} as a block of their own that keeps their global indices. */
    public DataBlock slice(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of a block of " + size);
        }
        int[] l = java.util.Arrays.copyOfRange(labels, from, to);
        long first = firstIndex + from;
        if (pixels != null) {
            byte[] p = java.util.Arrays.copyOfRange(pixels, from * featureCount, to * featureCount);
            return new DataBlock(first, to - from, featureCount, p, null, l);
        }
        double[] f = java.util.Arrays.copyOfRange(features, from * featureCount, to * featureCount);
        return new DataBlock(first, to - from, featureCount, null, f, l);
    }

    /** Samples {@code indices} (in that order) as a block of their own, numbered from global index 0. */
    public DataBlock select(int[] indices) {
        int[] l = new int[indices.length];
        byte[] p = pixels == null ? null : new byte[Math.multiplyExact(indices.length, featureCount)];
        double[] f = pixels == null ? new double[Math.multiplyExact(indices.length, featureCount)] : null;
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            l[k] = labels[i];
            if (p != null) {
                System.arraycopy(pixels, i * featureCount, p, k * featureCount, featureCount);
            } else {
                System.arraycopy(features, i * featureCount, f, k * featureCount, featureCount);
            }
        }
        return new DataBlock(0, indices.length, featureCount, p, f, l);
    }

    /** Splits into {@code parts} contiguous blocks of nearly equal size (the first ones one larger). */
    public List<DataBlock> split(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("cannot split into " + parts + " parts");
        }
        List<DataBlock> out = new ArrayList<>(parts);
        int base = size / parts;
        int extra = size % parts;
        int from = 0;
        for (int p = 0; p < parts; p++) {
            int to = from + base + (p < extra ? 1 : 0);
            out.add(slice(from, to));
            from = to;
        }
        return out;
    }
}
