package io.dpnet.data.augment;

import java.io.Serializable;

/**
 * How strongly {@link Augmenter} distorts each image; immutable, each {@code with...} method returns a checked copy.
 *
 * <p>Every generated image gets one random affine transform about the image centre: a shift of up to
 * {@link #maxShift()} pixels along each axis, a rotation of up to {@link #maxRotationDegrees()}, an isotropic scale
 * in [{@link #minScale()}, {@link #maxScale()}] and a horizontal shear of up to {@link #maxShear()} radians, each
 * drawn uniformly. With probability {@link #elasticProbability()} it also gets an elastic distortion (Simard et
 * al. 2003): a field of uniform noise in [-1, 1] smoothed by a Gaussian of {@link #elasticSigma()} pixels and
 * multiplied by {@link #elasticAlpha()}. The defaults are Simard's elastic parameters for 28x28 digits and the usual
 * affine ranges for MNIST.
 *
 * <p>When {@link #originalsFirst()} is set, the first {@code sourceCount} generated samples are the source images
 * themselves, unchanged, as in InfiMNIST and MNIST-8M: a generated set then always contains the real digits.
 */
public final class AugmentSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    // A shear of 1.5 rad (86 degrees) flattens the image to a line; anything near it is a bug in a recipe.
    private static final double MAX_SHEAR_LIMIT = 1.0;

    private final double maxShift;
    private final double maxRotationDegrees;
    private final double minScale;
    private final double maxScale;
    private final double maxShear;
    private final double elasticAlpha;
    private final double elasticSigma;
    private final double elasticProbability;
    private final boolean originalsFirst;

    private AugmentSettings(double maxShift, double maxRotationDegrees, double minScale, double maxScale,
            double maxShear, double elasticAlpha, double elasticSigma, double elasticProbability,
            boolean originalsFirst) {
        check("maxShift", maxShift, 0, 100);
        check("maxRotationDegrees", maxRotationDegrees, 0, 180);
        check("minScale", minScale, 0.1, 10);
        check("maxScale", maxScale, 0.1, 10);
        if (minScale > maxScale) {
            throw new IllegalArgumentException("minScale " + minScale + " is larger than maxScale " + maxScale);
        }
        check("maxShear", maxShear, 0, MAX_SHEAR_LIMIT);
        check("elasticAlpha", elasticAlpha, 0, 1000);
        check("elasticSigma", elasticSigma, 0.5, 50);
        check("elasticProbability", elasticProbability, 0, 1);
        this.maxShift = maxShift;
        this.maxRotationDegrees = maxRotationDegrees;
        this.minScale = minScale;
        this.maxScale = maxScale;
        this.maxShear = maxShear;
        this.elasticAlpha = elasticAlpha;
        this.elasticSigma = elasticSigma;
        this.elasticProbability = elasticProbability;
        this.originalsFirst = originalsFirst;
    }

    /**
     * Shifts up to 2 pixels, rotations up to 15 degrees, scale 0.9 to 1.1, shear up to 0.3 rad, elastic distortion
     * (alpha 34, sigma 4) on every image, and the source images first.
     */
    public static AugmentSettings defaults() {
        return new AugmentSettings(2, 15, 0.9, 1.1, 0.3, 34, 4, 1, true);
    }

    /** No distortion at all: every generated image equals its source image (useful as a baseline and in tests). */
    public static AugmentSettings none() {
        return new AugmentSettings(0, 0, 1, 1, 0, 0, 4, 0, false);
    }

    public AugmentSettings withMaxShift(double pixels) {
        return new AugmentSettings(pixels, maxRotationDegrees, minScale, maxScale, maxShear, elasticAlpha,
                elasticSigma, elasticProbability, originalsFirst);
    }

    public AugmentSettings withMaxRotationDegrees(double degrees) {
        return new AugmentSettings(maxShift, degrees, minScale, maxScale, maxShear, elasticAlpha, elasticSigma,
                elasticProbability, originalsFirst);
    }

    public AugmentSettings withScale(double min, double max) {
        return new AugmentSettings(maxShift, maxRotationDegrees, min, max, maxShear, elasticAlpha, elasticSigma,
                elasticProbability, originalsFirst);
    }

    public AugmentSettings withMaxShear(double radians) {
        return new AugmentSettings(maxShift, maxRotationDegrees, minScale, maxScale, radians, elasticAlpha,
                elasticSigma, elasticProbability, originalsFirst);
    }

    /** Elastic distortion strength {@code alpha} (pixels, before smoothing) and smoothness {@code sigma} (pixels). */
    public AugmentSettings withElastic(double alpha, double sigma) {
        return new AugmentSettings(maxShift, maxRotationDegrees, minScale, maxScale, maxShear, alpha, sigma,
                elasticProbability, originalsFirst);
    }

    /** The fraction of generated images that get an elastic distortion on top of their affine transform. */
    public AugmentSettings withElasticProbability(double probability) {
        return new AugmentSettings(maxShift, maxRotationDegrees, minScale, maxScale, maxShear, elasticAlpha,
                elasticSigma, probability, originalsFirst);
    }

    public AugmentSettings withOriginalsFirst(boolean originals) {
        return new AugmentSettings(maxShift, maxRotationDegrees, minScale, maxScale, maxShear, elasticAlpha,
                elasticSigma, elasticProbability, originals);
    }

    public double maxShift() {
        return maxShift;
    }

    public double maxRotationDegrees() {
        return maxRotationDegrees;
    }

    public double minScale() {
        return minScale;
    }

    public double maxScale() {
        return maxScale;
    }

    public double maxShear() {
        return maxShear;
    }

    public double elasticAlpha() {
        return elasticAlpha;
    }

    public double elasticSigma() {
        return elasticSigma;
    }

    public double elasticProbability() {
        return elasticProbability;
    }

    public boolean originalsFirst() {
        return originalsFirst;
    }

    /** True when elastic distortion can happen at all, so that its buffers are only made when needed. */
    boolean usesElastic() {
        return elasticAlpha > 0 && elasticProbability > 0;
    }

    private static void check(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AugmentSettings s && s.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** All settings on one line, e.g. for a data set's manifest or a log. */
    @Override
    public String toString() {
        return "shift " + maxShift + ", rotation " + maxRotationDegrees + " deg, scale " + minScale + ".." + maxScale
                + ", shear " + maxShear + " rad, elastic alpha " + elasticAlpha + " sigma " + elasticSigma
                + " probability " + elasticProbability + ", originals first " + originalsFirst;
    }
}
