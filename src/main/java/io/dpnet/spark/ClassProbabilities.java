package io.dpnet.spark;

import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.nn.f64.Activations;
import io.dpnet.nn.layer.Softmax;
import java.io.Serializable;

/**
 * One value per class from a sample's column of the network's full output ({@code Model.output}). A network that
 * leaves its last activation to a cross-entropy loss gets that activation here, so that the values are the softmax
 * (or sigmoid) probabilities whether or not the recipe ends in it. A single unit u stands for two classes: [1 - u, u].
 * Under MSE the values are the network's outputs as they are. A float32 model's values are float32 numbers.
 */
final class ClassProbabilities implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int width;
    /** The loss's own activation when the network does not end in it, else null. */
    private final Class<? extends LayerSpec> missingActivation;
    private final boolean float32;

    private ClassProbabilities(int width, Class<? extends LayerSpec> missingActivation, boolean float32) {
        this.width = width;
        this.missingActivation = missingActivation;
        this.float32 = float32;
    }

    static ClassProbabilities of(NetworkSpec network, Precision precision) {
        return new ClassProbabilities(network.outputSize(), network.activationLeftToLoss(),
                precision == Precision.FLOAT32);
    }

    int numClasses() {
        return width == 1 ? 2 : width;
    }

    /** Sample {@code j}'s values from {@code output} ([width x n] column-major) into {@code dst} from {@code at}. */
    void column(double[] output, int j, double[] dst, int at) {
        int classes = numClasses();
        if (width == 1) {
            double u = activated(output[j]);
            dst[at] = 1 - u;
            dst[at + 1] = u;
        } else {
            System.arraycopy(output, j * width, dst, at, width);
            if (missingActivation == Softmax.class) {
                Activations.softmax(dst, dst, at, width);
            } else {
                for (int i = at; i < at + width; i++) {
                    dst[i] = activated(dst[i]);
                }
            }
        }
        if (float32) {
            for (int i = at; i < at + classes; i++) {
                dst[i] = (float) dst[i];
            }
        }
    }

    /** The sigmoid that binary cross-entropy applies itself, where the network does not; else the value. */
    private double activated(double v) {
        return missingActivation == null || missingActivation == Softmax.class ? v : Activations.sigmoid(v);
    }
}
