package io.dpnet.nn.layer;

import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixed input scaling, y = (x - shift) * factor, with one shift and factor for all features or one per feature: the
 * preprocessing a network was trained with, fitted on its training data and kept as the network's first layer, so that
 * the model file, checkpoints, evaluation, prediction and any export apply exactly the same. It has no trainable
 * parameters; {@code method} only names how the values were fitted.
 */
public final class Scale implements LayerSpec {
    private static final long serialVersionUID = 1L;
    private final String method;
    private final double[] shift;
    private final double[] factor;

    public Scale(String method, double[] shift, double[] factor) {
        if (shift.length == 0 || shift.length != factor.length) {
            throw new IllegalArgumentException("scale needs as many shifts as factors, at least one: got "
                    + shift.length + " and " + factor.length);
        }
        for (int i = 0; i < shift.length; i++) {
            if (!Double.isFinite(shift[i]) || !Double.isFinite(factor[i]) || factor[i] == 0) {
                throw new IllegalArgumentException("scale needs finite shifts and finite non-zero factors, got shift "
                        + shift[i] + " and factor " + factor[i] + " for feature " + i);
            }
        }
        this.method = method;
        this.shift = shift.clone();
        this.factor = factor.clone();
    }

    /** One shift and factor for every feature. */
    public static Scale uniform(String method, double shift, double factor) {
        return new Scale(method, new double[] {shift}, new double[] {factor});
    }

    public String method() {
        return method;
    }

    /** Whether every feature has its own shift and factor (false: one pair for all). */
    public boolean perFeature() {
        return shift.length > 1;
    }

    public double shift(int feature) {
        return shift[perFeature() ? feature : 0];
    }

    public double factor(int feature) {
        return factor[perFeature() ? feature : 0];
    }

    @Override
    public String type() {
        return "scale";
    }

    @Override
    public Shape outputShape(Shape input) {
        if (perFeature() && shift.length != input.size()) {
            throw new IllegalArgumentException("scaling fitted for " + shift.length + " features cannot take "
                    + input.size());
        }
        return input;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", type());
        d.put("method", method);
        d.put("shift", list(shift));
        d.put("factor", list(factor));
        return d;
    }

    /** E.g. "unit-range, x / 255" or "standardize, per feature". */
    @Override
    public String toString() {
        if (perFeature()) {
            return method + ", per feature";
        }
        double divisor = 1 / factor[0];
        String divide = "x / " + (divisor == Math.rint(divisor) && Math.abs(divisor) < 1e15
                ? String.valueOf((long) divisor) : String.format("%.6g", divisor));
        return method + ", " + (shift[0] == 0 ? divide : String.format("(x - %.6g) * %.6g", shift[0], factor[0]));
    }

    private static List<Double> list(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
