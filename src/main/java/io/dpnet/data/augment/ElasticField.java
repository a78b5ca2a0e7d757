package io.dpnet.data.augment;

/**
 * Random smooth displacement fields for elastic distortion (Simard, Steinkraus and Platt 2003): uniform noise in
 * [-1, 1] per pixel, convolved with a Gaussian of standard deviation sigma, times alpha.
 *
 * <p>The noise covers the image plus a margin of 3 sigma on every side and only the "valid" part of the convolution
 * is kept, so the field has the same statistics at the border as in the middle (no zero or mirrored padding to pull
 * it towards 0). The Gaussian is separable: one pass along rows, one along columns. Kernel and buffers are made once
 * and reused, since this runs for every generated image; an instance is therefore not thread-safe.
 */
final class ElasticField {
    private final int rows;
    private final int cols;
    private final int radius;
    private final double[] kernel;
    private final double[] noise;
    private final double[] rowSmoothed;

    ElasticField(int rows, int cols, double sigma) {
        this.rows = rows;
        this.cols = cols;
        this.radius = (int) Math.ceil(3 * sigma);
        this.kernel = gaussian(sigma, radius);
        this.noise = new double[(rows + 2 * radius) * (cols + 2 * radius)];
        this.rowSmoothed = new double[(rows + 2 * radius) * cols];
    }

    /** A kernel of {@code 2 radius + 1} taps summing to 1, so that alpha alone sets the displacement scale. */
    static double[] gaussian(double sigma, int radius) {
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = StrictMath.exp(-(i * (double) i) / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** Fills {@code dx} and {@code dy} (rows x cols each, row-major) with one field each, drawn from {@code rng}. */
    void fill(SampleRandom rng, double alpha, double[] dx, double[] dy) {
        smoothNoise(rng, alpha, dx);
        smoothNoise(rng, alpha, dy);
    }

    private void smoothNoise(SampleRandom rng, double alpha, double[] out) {
        // Two 32-bit uniforms per 64-bit draw: plenty of resolution for noise that is about to be averaged.
        for (int i = 0; i < noise.length; i += 2) {
            long bits = rng.nextLong();
            noise[i] = (bits >>> 32) * 0x1.0p-31 - 1;
            if (i + 1 < noise.length) {
                noise[i + 1] = (bits & 0xFFFFFFFFL) * 0x1.0p-31 - 1;
            }
        }
        int wideCols = cols + 2 * radius;
        for (int r = 0; r < rows + 2 * radius; r++) {
            convolve(noise, r * wideCols, 1, rowSmoothed, r * cols, 1.0);
        }
        for (int y = 0; y < rows; y++) {
            convolve(rowSmoothed, y * cols, cols, out, y * cols, alpha);
        }
    }

    /**
     * {@code out[at + x] = scale * sum_t kernel[t] * in[from + t * step + x]} for the {@code cols} values of one
     * output row: along a row with step 1, down the columns with step {@code cols}. The loop over x is innermost so
     * that the JIT can vectorize it, and the symmetric taps share one multiplication.
     */
    private void convolve(double[] in, int from, int step, double[] out, int at, double scale) {
        double w = kernel[radius] * scale;
        int centre = from + radius * step;
        for (int x = 0; x < cols; x++) {
            out[at + x] = w * in[centre + x];
        }
        for (int t = 0; t < radius; t++) {
            double wt = kernel[t] * scale;
            int left = from + t * step;
            int right = from + (2 * radius - t) * step;
            for (int x = 0; x < cols; x++) {
                out[at + x] += wt * (in[left + x] + in[right + x]);
            }
        }
    }
}
