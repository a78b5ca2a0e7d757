package io.dpnet.onnx;

import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.f64.Activations;
import io.dpnet.nn.layer.Softmax;
import java.util.List;

/**
 * What an exported model should give, computed by dpnet itself: {@code Model.output}, then as {@code predict
 * --probabilities} makes probabilities of it (the loss's activation where the network leaves it to the loss, a single
 * unit u as [1 - u, u]).
 */
final class Expected {
    private Expected() {
    }

    /** [classes x n] column-major. */
    static double[] probabilities(Model model, double[] x, int n) {
        NetworkSpec spec = model.spec();
        double[] out = model.output(x, n);
        int width = spec.outputSize();
        List<LayerSpec> layers = spec.layers();
        Class<? extends LayerSpec> fused = spec.loss().fusedActivation();
        Class<? extends LayerSpec> missing = fused != null && !fused.isInstance(layers.get(layers.size() - 1))
                ? fused : null;
        int classes = spec.numClasses();
        double[] p = new double[classes * n];
        double[] column = new double[width];
        for (int j = 0; j < n; j++) {
            System.arraycopy(out, j * width, column, 0, width);
            if (missing == Softmax.class) {
                Activations.softmax(column, column, 0, width);
            } else if (missing != null) {
                for (int i = 0; i < width; i++) {
                    column[i] = Activations.sigmoid(column[i]);
                }
            }
            if (width == 1) {
                p[j * 2] = 1 - column[0];
                p[j * 2 + 1] = column[0];
            } else {
                System.arraycopy(column, 0, p, j * classes, width);
            }
        }
        return p;
    }
}
