package io.dpnet.nn.loss;

import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.layer.Sigmoid;
import io.dpnet.nn.layer.Softmax;
import java.util.Locale;

/**
 * Loss functions over class labels. The target of a sample with label {@code c} is {@code c} itself when the output
 * has one unit (binary tasks) and the one-hot vector e_c otherwise. The engines compute each loss summed over the batch
 * and its gradient ({@code Losses}); the trainer divides by the number of samples once, after aggregation.
 *
 * <p>The cross-entropies take pre-activation outputs (logits) and apply their activation themselves, which is
 * numerically stable and gives the simple gradient p - y. A network whose last layer is that activation skips it
 * while training ({@link #fusedActivation()}).
 */
public enum Loss {
    /** 1/2 ||y - t||^2 per sample, on the network's final output. */
    MSE("mse"),
    /** Sigmoid then cross-entropy, per output unit: log(1 + e^z) - t z computed without overflow. */
    BINARY_CROSS_ENTROPY("binary_cross_entropy") {
        @Override
        public Class<? extends LayerSpec> fusedActivation() {
            return Sigmoid.class;
        }
    },
    /** Softmax then cross-entropy -log p_label, with the column maximum subtracted for stability. */
    SOFTMAX_CROSS_ENTROPY("softmax_cross_entropy") {
        @Override
        public Class<? extends LayerSpec> fusedActivation() {
            return Softmax.class;
        }

        @Override
        public void checkWidth(int width) {
            if (width < 2) {
                throw new IllegalArgumentException("softmax_cross_entropy needs at least 2 outputs, the network has "
                        + width + " (use binary_cross_entropy for a single output)");
            }
        }
    };

    private final String configName;

    Loss(String configName) {
        this.configName = configName;
    }

    /** The activation this loss applies itself, or null. */
    public Class<? extends LayerSpec> fusedActivation() {
        return null;
    }

    /** Rejects output widths this loss cannot serve. */
    public void checkWidth(int width) {
    }

    /** Number of classes an output of this width predicts: 2 for a single unit, else one per unit. */
    public static int classesFor(int width) {
        return width == 1 ? 2 : width;
    }

    public String configName() {
        return configName;
    }

    public static Loss parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Loss loss : values()) {
            if (loss.configName.equals(n)) {
                return loss;
            }
        }
        switch (n) {
            case "mean_squared_error":
                return MSE;
            case "bce", "binary_crossentropy":
                return BINARY_CROSS_ENTROPY;
            case "cross_entropy", "categorical_cross_entropy", "sce":
                return SOFTMAX_CROSS_ENTROPY;
            default:
                throw new IllegalArgumentException("unknown loss '" + name
                        + "' (expected mse, binary_cross_entropy or softmax_cross_entropy)");
        }
    }
}
