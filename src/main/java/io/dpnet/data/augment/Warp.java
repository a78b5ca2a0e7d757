package io.dpnet.data.augment;

/**
 * Resamples an 8-bit grayscale image through an optional displacement field and then an {@link AffineMap}, with
 * bilinear interpolation, in one pass: composing the maps before sampling blurs the image once instead of twice.
 * Outside the source image the background is 0, as in MNIST.
 */
final class Warp {
    private Warp() {
    }

    /**
     * Writes the {@code rows x cols} output image to {@code dst[dstOffset..]}: output pixel p shows the source at
     * {@code map(p + (dx[p], dy[p]))}. {@code dx} and {@code dy} may be null for a plain affine warp.
     */
    static void apply(byte[] src, int srcOffset, int rows, int cols, AffineMap map, double[] dx, double[] dy,
            byte[] dst, int dstOffset) {
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int p = y * cols + x;
                double px = x;
                double py = y;
                if (dx != null) {
                    px += dx[p];
                    py += dy[p];
                }
                double sx = map.a() * px + map.b() * py + map.e();
                double sy = map.c() * px + map.d() * py + map.f();
                dst[dstOffset + p] = (byte) sample(src, srcOffset, rows, cols, sx, sy);
            }
        }
    }

    /** The bilinear interpolation of the source at (sx, sy), rounded to 0..255. */
    static int sample(byte[] src, int offset, int rows, int cols, double sx, double sy) {
        double fx0 = Math.floor(sx);
        double fy0 = Math.floor(sy);
        if (fx0 < -1 || fy0 < -1 || fx0 >= cols || fy0 >= rows) {
            return 0;
        }
        int x0 = (int) fx0;
        int y0 = (int) fy0;
        double fx = sx - fx0;
        double fy = sy - fy0;
        double v00;
        double v01;
        double v10;
        double v11;
        if (x0 >= 0 && y0 >= 0 && x0 + 1 < cols && y0 + 1 < rows) {
            int at = offset + y0 * cols + x0;
            v00 = src[at] & 0xff;
            v01 = src[at + 1] & 0xff;
            v10 = src[at + cols] & 0xff;
            v11 = src[at + cols + 1] & 0xff;
        } else {
            v00 = pixel(src, offset, rows, cols, x0, y0);
            v01 = pixel(src, offset, rows, cols, x0 + 1, y0);
            v10 = pixel(src, offset, rows, cols, x0, y0 + 1);
            v11 = pixel(src, offset, rows, cols, x0 + 1, y0 + 1);
        }
        double top = v00 + fx * (v01 - v00);
        double bottom = v10 + fx * (v11 - v10);
        long v = Math.round(top + fy * (bottom - top));
        // Convex weights keep v in range; the clamp only guards against rounding at 255.
        return (int) Math.max(0, Math.min(255, v));
    }

    private static double pixel(byte[] src, int offset, int rows, int cols, int x, int y) {
        return x < 0 || y < 0 || x >= cols || y >= rows ? 0 : src[offset + y * cols + x] & 0xff;
    }
}
