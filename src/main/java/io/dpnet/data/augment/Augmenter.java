package io.dpnet.data.augment;

import io.dpnet.data.DataBlock;
import io.dpnet.data.IdxShards;
import io.dpnet.data.ShardInfo;
import io.dpnet.data.ShardWriter;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/**
 * Generates a data set of any size from a block of source images: generated sample {@code i} is source image
 * {@code i mod sourceCount}, with its label, under a random distortion drawn from the numbers of
 * {@code (seed, i)} alone. The cyclic choice of source spreads every class exactly as in the source set (n copies of
 * each image when the size is n times the source count), and since nothing depends on what was generated before,
 * generating samples 0..N-1 in parallel partitions gives the same bytes as generating them in one loop.
 *
 * <p>The random numbers of a sample are used in a fixed order: rotation, scale, shear, shift x, shift y, whether to
 * distort elastically, then the two noise fields. Changing that order changes every generated data set.
 *
 * <p>An instance reuses buffers between calls and is not thread-safe: make one per thread or partition (cheap; the
 * source block is shared, not copied).
 */
public final class Augmenter {
    private final AugmentSettings settings;
    private final long seed;
    private final DataBlock source;
    private final int rows;
    private final int cols;
    private final SampleRandom random = new SampleRandom();
    private final ElasticField elastic;
    private final double[] dx;
    private final double[] dy;
    private final byte[] sourceImage;

    /**
     * @param source pixel samples of {@code rows x cols} images (e.g. the MNIST training set)
     */
    public Augmenter(AugmentSettings settings, long seed, DataBlock source, int rows, int cols) {
        if (!source.isPixels()) {
            throw new IllegalArgumentException("augmentation needs pixel images, the source block holds doubles");
        }
        if (rows <= 0 || cols <= 0 || (long) rows * cols != source.featureCount()) {
            throw new IllegalArgumentException("images of " + rows + "x" + cols + " pixels do not match the source's "
                    + source.featureCount() + " features per sample");
        }
        if (source.size() == 0) {
            throw new IllegalArgumentException("the source block holds no images");
        }
        this.settings = settings;
        this.seed = seed;
        this.source = source;
        this.rows = rows;
        this.cols = cols;
        this.sourceImage = new byte[rows * cols];
        boolean elasticUsed = settings.usesElastic();
        this.elastic = elasticUsed ? new ElasticField(rows, cols, settings.elasticSigma()) : null;
        this.dx = elasticUsed ? new double[rows * cols] : null;
        this.dy = elasticUsed ? new double[rows * cols] : null;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The source image that generated sample {@code index} is made from. */
    public int sourceIndex(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("sample index must be >= 0, got " + index);
        }
        return (int) (index % source.size());
    }

    /** The label of generated sample {@code index}: its source image's. */
    public int label(long index) {
        return source.label(sourceIndex(index));
    }

    /** Writes the {@code rows x cols} pixels of generated sample {@code index} to {@code dst[offset..]}. */
    public void augment(long index, byte[] dst, int offset) {
        int from = sourceIndex(index);
        if (settings.originalsFirst() && index < source.size()) {
            source.copyPixels(from, dst, offset);
            return;
        }
        source.copyPixels(from, sourceImage, 0);
        random.reset(seed, index);
        AffineMap map = AffineMap.inverseOf(
                random.symmetric(Math.toRadians(settings.maxRotationDegrees())),
                random.between(settings.minScale(), settings.maxScale()),
                random.symmetric(settings.maxShear()),
                random.symmetric(settings.maxShift()),
                random.symmetric(settings.maxShift()),
                rows, cols);
        boolean distort = elastic != null && random.nextDouble() < settings.elasticProbability();
        if (distort) {
            elastic.fill(random, settings.elasticAlpha(), dx, dy);
        }
        Warp.apply(sourceImage, 0, rows, cols, map, distort ? dx : null, distort ? dy : null, dst, offset);
    }

    /** Generated samples {@code from .. from+count-1} as one block whose first global index is {@code from}. */
    public DataBlock generate(long from, int count) {
        int pixelsPerImage = rows * cols;
        if (count < 0 || (long) count * pixelsPerImage > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot generate " + count + " images of " + pixelsPerImage
                    + " pixels in one block");
        }
        byte[] pixels = new byte[count * pixelsPerImage];
        int[] labels = new int[count];
        for (int k = 0; k < count; k++) {
            augment(from + k, pixels, k * pixelsPerImage);
            labels[k] = label(from + k);
        }
        return DataBlock.ofPixels(from, pixels, pixelsPerImage, labels);
    }

    /**
     * Streams generated samples {@code from .. from+count-1} into shard {@code shard} of the set in {@code dir}, one
     * image at a time, so a task's memory does not grow with its shard. The caller collects the returned infos into
     * the set's {@link io.dpnet.data.ShardManifest}.
     */
    public ShardInfo writeShard(String dir, int shard, long from, int count, Configuration conf) throws IOException {
        byte[] image = new byte[rows * cols];
        try (ShardWriter writer = IdxShards.openShard(dir, shard, count, rows, cols, conf)) {
            for (int k = 0; k < count; k++) {
                augment(from + k, image, 0);
                writer.add(image, 0, label(from + k));
            }
            return writer.commit();
        }
    }
}
