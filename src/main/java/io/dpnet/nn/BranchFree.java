package io.dpnet.nn;

/**
 * Selections made from a value's bits rather than by a branch, for both number types: the sign of an activation is a
 * coin toss that branch prediction keeps losing (ReLU ran 4 to 6 times faster on [6, 28, 28] activations without the
 * branch, C1 and C2 alike; max pooling's forward pass a third faster). The float and double overloads let one engine
 * source serve both precisions.
 */
public final class BranchFree {

    private BranchFree() {
    }

    /** All ones when {@code v > max} (max - v is negative), else zero. */
    public static int greater(float v, float max) {
        return Float.floatToRawIntBits(max - v) >> 31;
    }

    public static int greater(double v, double max) {
        return (int) (Double.doubleToRawLongBits(max - v) >> 63);
    }

    /** {@code a} where {@code mask} is all ones, {@code b} where it is zero. */
    public static float select(int mask, float a, float b) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(a) & mask | Float.floatToRawIntBits(b) & ~mask);
    }

    public static double select(int mask, double a, double b) {
        long wide = mask;
        return Double.longBitsToDouble(Double.doubleToRawLongBits(a) & wide | Double.doubleToRawLongBits(b) & ~wide);
    }

    /** {@code value} where {@code sign > 0} (positive NaN included), else +0; -0 gives +0. */
    public static float keepIfPositive(float value, float sign) {
        int bits = Float.floatToRawIntBits(sign);
        return Float.intBitsToFloat(Float.floatToRawIntBits(value) & (-bits & ~bits) >> 31);
    }

    public static double keepIfPositive(double value, double sign) {
        long bits = Double.doubleToRawLongBits(sign);
        return Double.longBitsToDouble(Double.doubleToRawLongBits(value) & (-bits & ~bits) >> 63);
    }
}
