package io.dpnet.nn;

import io.dpnet.nn.layer.Dense;
import io.dpnet.nn.layer.Identity;
import io.dpnet.nn.layer.Relu;
import io.dpnet.nn.layer.Sigmoid;
import io.dpnet.nn.layer.Softmax;
import io.dpnet.nn.layer.Tanh;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds layer specs from their descriptions: the one parser behind config files and model files. */
public final class LayerSpecs {
    private static final List<String> ACTIVATIONS = List.of("sigmoid", "tanh", "relu", "softmax", "identity");

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
     * ReLU: the {@code activation} key is a shorthand that config files use.
     */
    public static List<LayerSpec> fromDescription(Map<String, ?> description) {
        Object type = description.get("type");
        if (type == null) {
            throw new IllegalArgumentException("layer " + description + " has no 'type'");
        }
        List<LayerSpec> out = new ArrayList<>(2);
        String t = type.toString().trim().toLowerCase(Locale.ROOT);
        if (t.equals("dense") || t.equals("fully_connected")) {
            out.add(new Dense(intValue(description, "units")));
        } else if (ACTIVATIONS.contains(t)) {
            out.add(activation(t));
        } else {
            throw new IllegalArgumentException("unknown layer type '" + type + "' (expected dense or an activation: "
                    + String.join(", ", ACTIVATIONS) + ")");
        }
        Object activation = description.get("activation");
        if (activation != null) {
            out.add(activation(activation.toString()));
        }
        return out;
    }

    static int intValue(Map<String, ?> description, String key) {
        Object v = description.get(key);
        if (!(v instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            throw new IllegalArgumentException("layer " + description.get("type") + " needs an integer '" + key
                    + "', got " + v);
        }
        return number.intValue();
    }
}
