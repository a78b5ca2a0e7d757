package io.dpnet.data.augment;

/**
 * The inverse of an affine transform about the image centre: for each output pixel (x, y), the point of the source
 * image it shows is {@code (a x + b y + e, c x + d y + f)}. Warping samples the source through the inverse map, so
 * every output pixel gets a value and none is written twice.
 *
 * <p>x is the column and y the row (downwards). The forward transform scales, then shears along x, then rotates,
 * all about the centre ((cols - 1) / 2, (rows - 1) / 2), then shifts.
 *
 * <p>StrictMath, not Math, for the trigonometry: its results are the same on every JVM and CPU, so a seed gives the
 * same bytes on every executor of a cluster (the rest is plain IEEE arithmetic, which Java fixes too).
 */
record AffineMap(double a, double b, double c, double d, double e, double f) {
    static final AffineMap IDENTITY = new AffineMap(1, 0, 0, 1, 0, 0);

    /**
     * The inverse map of: scale by {@code scale}, shear x by {@code tan(shear)} times y, rotate by {@code rotation}
     * radians (from +x towards +y, that is clockwise on screen), shift by ({@code shiftX}, {@code shiftY}) pixels.
     */
    static AffineMap inverseOf(double rotation, double scale, double shear, double shiftX, double shiftY, int rows,
            int cols) {
        double cos = StrictMath.cos(rotation);
        double sin = StrictMath.sin(rotation);
        double k = StrictMath.tan(shear);
        // Forward matrix M = R * Sh * S, with R = [cos -sin; sin cos], Sh = [1 k; 0 1], S = scale * I.
        double m00 = scale * cos;
        double m01 = scale * (cos * k - sin);
        double m10 = scale * sin;
        double m11 = scale * (sin * k + cos);
        double det = m00 * m11 - m01 * m10; // = scale^2, never 0 for valid settings
        double i00 = m11 / det;
        double i01 = -m01 / det;
        double i10 = -m10 / det;
        double i11 = m00 / det;
        // out = M (in - centre) + centre + shift, so in = M^-1 (out - centre - shift) + centre.
        double cx = (cols - 1) / 2.0;
        double cy = (rows - 1) / 2.0;
        double ox = cx + shiftX;
        double oy = cy + shiftY;
        return new AffineMap(i00, i01, i10, i11, cx - (i00 * ox + i01 * oy), cy - (i10 * ox + i11 * oy));
    }
}
