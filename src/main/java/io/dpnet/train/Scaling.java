package io.dpnet.train;

import io.dpnet.data.FeatureStats;
import io.dpnet.nn.layer.Scale;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a network's input is scaled, as asked for; {@link #fit} turns it into the {@link Scale} layer that the network
 * keeps, from the training data's statistics.
 *
 * <ul>
 *   <li>{@code none}: the features as they are.</li>
 *   <li>{@code unit-range[:MAX]}: every feature divided by MAX, by default the largest magnitude in the data.</li>
 *   <li>{@code min-max}: each feature mapped from its own [min, max] to [0, 1].</li>
 *   <li>{@code standardize}: each feature shifted by its mean and divided by its standard deviation.</li>
 *   <li>{@code auto}: none when every value lies in [-1, 1]; unit-range when the features share one scale (no
 *   feature's range is more than {@value #SHARED_SCALE} times the median range), as pixels do; standardize otherwise,
 *   as for table columns of unrelated units.</li>
 * </ul>
 * A constant feature keeps a factor of 1 under min-max and standardize.
 */
public record Scaling(Method method, double max) implements Serializable {
    /** Under auto, features whose ranges differ by more than this factor are standardized rather than divided. */
    static final double SHARED_SCALE = 100;

    public enum Method {
        NONE, AUTO, UNIT_RANGE, MIN_MAX, STANDARDIZE;

        String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static final Scaling NONE = new Scaling(Method.NONE, 0);
    public static final Scaling AUTO = new Scaling(Method.AUTO, 0);

    public Scaling {
        if (method != Method.UNIT_RANGE && max != 0) {
            throw new IllegalArgumentException("only unit-range takes a maximum");
        }
        if (!(max >= 0) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("unit-range needs a positive finite maximum, got " + max);
        }
    }

    /** {@code none}, {@code auto}, {@code unit-range}, {@code unit-range:255}, {@code min-max}, {@code standardize}. */
    public static Scaling parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        String name = colon < 0 ? t : t.substring(0, colon);
        for (Method m : Method.values()) {
            if (m.configName().equals(name)) {
                if (colon < 0) {
                    return new Scaling(m, 0);
                }
                if (m != Method.UNIT_RANGE) {
                    break;
                }
                double max;
                try {
                    max = Double.parseDouble(t.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid scaling '" + text + "': unit-range:MAX needs a number");
                }
                if (!(max > 0) || Double.isInfinite(max)) {
                    throw new IllegalArgumentException("invalid scaling '" + text + "': MAX must be positive");
                }
                return new Scaling(m, max);
            }
        }
        throw new IllegalArgumentException("invalid scaling '" + text
                + "' (expected auto, none, unit-range, unit-range:MAX, min-max or standardize)");
    }

    /** The scaling that {@code stats} call for, or null for none; {@code source} names the data in messages. */
    public Scale fit(FeatureStats stats, String source) {
        return switch (method) {
            case NONE -> null;
            case AUTO -> auto(stats).fit(stats, source);
            case UNIT_RANGE -> unitRange(stats, source);
            case MIN_MAX -> perFeature(stats, "min-max", stats::min, j -> stats.max(j) - stats.min(j));
            case STANDARDIZE -> perFeature(stats, "standardize", stats::mean, stats::std);
        };
    }

    /** What auto stands for on these statistics. */
    static Scaling auto(FeatureStats stats) {
        if (stats.maxAbs() <= 1) {
            return NONE;
        }
        double[] ranges = new double[stats.featureCount()];
        int n = 0;
        for (int j = 0; j < ranges.length; j++) {
            double range = stats.max(j) - stats.min(j);
            if (range > 0) {
                ranges[n++] = range;
            }
        }
        Arrays.sort(ranges, 0, n);
        boolean shared = n == 0 || ranges[n - 1] <= SHARED_SCALE * ranges[(n - 1) / 2];
        return shared ? new Scaling(Method.UNIT_RANGE, 0) : new Scaling(Method.STANDARDIZE, 0);
    }

    private Scale unitRange(FeatureStats stats, String source) {
        double reach = stats.maxAbs();
        if (max > 0 && reach > max) {
            throw new IllegalArgumentException(source + ": features reach " + format(reach) + ", beyond the scaling's "
                    + "maximum of " + format(max) + ": give a larger one, or unit-range alone to take the data's");
        }
        if (reach == 0) {
            throw new IllegalArgumentException(source + ": every feature is 0, so there is no range to scale to");
        }
        return Scale.uniform("unit-range", 0, 1 / (max > 0 ? max : reach));
    }

    private static Scale perFeature(FeatureStats stats, String name, java.util.function.IntToDoubleFunction shift,
                                    java.util.function.IntToDoubleFunction spread) {
        int features = stats.featureCount();
        double[] shifts = new double[features];
        double[] factors = new double[features];
        for (int j = 0; j < features; j++) {
            double s = spread.applyAsDouble(j);
            shifts[j] = shift.applyAsDouble(j);
            factors[j] = s > 0 ? 1 / s : 1;
        }
        return new Scale(name, shifts, factors);
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format("%.4g", v);
    }

    /** As {@link #parse} reads it. */
    @Override
    public String toString() {
        String exact = max == Math.rint(max) && max < 1e15 ? String.valueOf((long) max) : String.valueOf(max);
        return max > 0 ? method.configName() + ":" + exact : method.configName();
    }
}
