package io.dpnet.nn;

import java.util.Locale;

/**
 * The number type a network computes, trains and stores in. {@link #FLOAT32} is the default: the speed of every other
 * trainer, half the bytes on the barrier exchange and in model files. {@link #FLOAT64} stays for what needs its
 * precision, such as finite-difference gradient checks.
 *
 * <p>Whatever the precision, parameter vectors outside the network are {@code double[]}; under float32 they hold
 * float32 values only ({@link #round}), so they convert to and from 4-byte floats without loss.
 */
public enum Precision {
    FLOAT32("float32", Float.BYTES),
    FLOAT64("float64", Double.BYTES);

    private final String configName;
    private final int bytes;

    Precision(String configName, int bytes) {
        this.configName = configName;
        this.bytes = bytes;
    }

    /** The name in config, model files and metrics: float32 or float64. */
    public String configName() {
        return configName;
    }

    /** Bytes per value. */
    public int bytes() {
        return bytes;
    }

    /** Rounds each value to the nearest value of this precision, in place; returns {@code values}. */
    public double[] round(double[] values) {
        if (this == FLOAT32) {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) values[i];
            }
        }
        return values;
    }

    /** float32 or float64 (also float, single, f32 and double, f64), any case. */
    public static Precision parse(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "float32", "f32", "single", "float":
                return FLOAT32;
            case "float64", "f64", "double":
                return FLOAT64;
            default:
                throw new IllegalArgumentException("precision must be float32 or float64, got '" + name + "'");
        }
    }

    @Override
    public String toString() {
        return configName;
    }
}
