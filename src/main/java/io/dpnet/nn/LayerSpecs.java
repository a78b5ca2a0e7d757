package io.dpnet.nn;

import io.dpnet.nn.layer.Conv2D;
import io.dpnet.nn.layer.Dense;
import io.dpnet.nn.layer.Dropout;
import io.dpnet.nn.layer.Flatten;
import io.dpnet.nn.layer.Identity;
import io.dpnet.nn.layer.MaxPool2D;
import io.dpnet.nn.layer.Relu;
import io.dpnet.nn.layer.Scale;
import io.dpnet.nn.layer.Sigmoid;
import io.dpnet.nn.layer.Softmax;
import io.dpnet.nn.layer.Tanh;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Builds layer specs from their descriptions: the one parser behind config files and model files. */
public final class LayerSpecs {
    private static final List<String> ACTIVATIONS = List.of("sigmoid", "tanh", "relu", "softmax", "identity");
    private static final List<String> TYPES = List.of("dense", "conv2d", "maxpool2d", "flatten", "dropout", "scale");
    /** Keys every description may have besides its type's own. */
    private static final List<String> COMMON_KEYS = List.of("type", "activation");

    private LayerSpecs() {
    }

    public static LayerSpec activation(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "sigmoid", "logistic":
                return new Sigmoid();
            case "tanh":
                return new Tanh();
            case "relu":
                return new Relu();
            case "softmax":
                return new Softmax();
            case "identity", "none":
                return new Identity();
            default:
                throw new IllegalArgumentException("unknown activation '" + name
                        + "' (expected sigmoid, tanh, relu, softmax or identity)");
        }
    }

    /**
     * The layers one description stands for. {@code {type: dense, units: 128, activation: relu}} gives a Dense and a
     * ReLU: the {@code activation} key is a shorthand that config files use, on any layer type.
     */
    public static List<LayerSpec> fromDescription(Map<String, ?> description) {
        Object type = description.get("type");
        if (type == null) {
            throw new IllegalArgumentException("layer " + description + " has no 'type'");
        }
        List<LayerSpec> out = new ArrayList<>(2);
        String t = type.toString().trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "dense", "fully_connected" -> {
                checkKeys(description, t, "units");
                out.add(new Dense(intValue(description, "units")));
            }
            case "conv2d" -> {
                checkKeys(description, t, "filters", "kernel", "stride", "padding");
                out.add(new Conv2D(intValue(description, "filters"), intValue(description, "kernel"),
                        intValue(description, "stride", 1), intValue(description, "padding", 0)));
            }
            case "maxpool2d" -> {
                checkKeys(description, t, "size", "stride");
                int size = intValue(description, "size");
                out.add(new MaxPool2D(size, intValue(description, "stride", size)));
            }
            case "flatten" -> {
                checkKeys(description, t);
                out.add(new Flatten());
            }
            case "dropout" -> {
                checkKeys(description, t, "rate", "seed");
                out.add(new Dropout(doubleValue(description, "rate"), longValue(description, "seed", 0)));
            }
            case "scale" -> {
                checkKeys(description, t, "method", "shift", "factor");
                Object method = description.get("method");
                out.add(new Scale(method == null ? "fixed" : method.toString(), doubles(description, "shift"),
                        doubles(description, "factor")));
            }
            default -> {
                if (!ACTIVATIONS.contains(t)) {
                    throw new IllegalArgumentException("unknown layer type '" + type + "' (expected "
                            + String.join(", ", TYPES) + " or an activation: " + String.join(", ", ACTIVATIONS)
                            + ")");
                }
                checkKeys(description, t);
                out.add(activation(t));
            }
        }
        Object activation = description.get("activation");
        if (activation != null) {
            out.add(activation(activation.toString()));
        }
        return out;
    }

    /** Rejects keys the type does not know, so that a misspelt {@code strides = 2} is not silently ignored. */
    private static void checkKeys(Map<String, ?> description, String type, String... own) {
        Set<String> known = new TreeSet<>(COMMON_KEYS);
        known.addAll(List.of(own));
        for (String key : description.keySet()) {
            if (!known.contains(key)) {
                known.remove("type");
                throw new IllegalArgumentException("layer " + type + " has no setting '" + key + "' (it takes "
                        + String.join(", ", known) + ")");
            }
        }
    }

    static int intValue(Map<String, ?> description, String key) {
        Object v = description.get(key);
        if (!(v instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                || Math.abs(number.doubleValue()) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("layer " + description.get("type") + " needs an integer '" + key
                    + "', got " + v);
        }
        return number.intValue();
    }

    static int intValue(Map<String, ?> description, String key, int absent) {
        return description.get(key) == null ? absent : intValue(description, key);
    }

    static long longValue(Map<String, ?> description, String key, long absent) {
        Object v = description.get(key);
        if (v == null) {
            return absent;
        }
        if (!(v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)) {
            throw new IllegalArgumentException("layer " + description.get("type") + " needs an integer '" + key
                    + "', got " + v);
        }
        return ((Number) v).longValue();
    }

    /** A list of numbers, or a single number as a list of one. */
    static double[] doubles(Map<String, ?> description, String key) {
        Object v = description.get(key);
        if (v instanceof Number number) {
            return new double[] {number.doubleValue()};
        }
        if (!(v instanceof List<?> list) || !list.stream().allMatch(Number.class::isInstance)) {
            throw new IllegalArgumentException("layer " + description.get("type") + " needs '" + key
                    + "' as a number or a list of numbers");
        }
        return list.stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
    }

    static double doubleValue(Map<String, ?> description, String key) {
        Object v = description.get(key);
        if (!(v instanceof Number number)) {
            throw new IllegalArgumentException("layer " + description.get("type") + " needs a number '" + key
                    + "', got " + v);
        }
        return number.doubleValue();
    }
}
