package io.dpnet.nn.layer;

import io.dpnet.nn.BatchContext;
import io.dpnet.nn.Layer;
import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An activation: no parameters, output shape equal to input shape. Subclasses give f over the first {@code n}
 * columns of {@code size} values and its backward pass, expressed through the input and output to avoid recomputing.
 */
public abstract class Activation implements LayerSpec {
    private static final long serialVersionUID = 1L;

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", type());
        return d;
    }

    @Override
    public Layer bind(Shape input) {
        int size = input.size();
        return new Layer() {
            @Override
            public void forward(double[] params, int offset, double[] x, double[] y, int n, BatchContext batch) {
                apply(x, y, size, n);
            }

            @Override
            public void backward(double[] params, int offset, double[] x, double[] y, double[] dy, double[] dx,
                                 double[] grad, int n) {
                if (dx != null) {
                    derivative(x, y, dy, dx, size, n);
                }
            }
        };
    }

    /** y = f(x) over n columns of size values each. */
    protected abstract void apply(double[] x, double[] y, int size, int n);

    /** dx = dLoss/dx given dy = dLoss/dy and y = f(x). */
    protected abstract void derivative(double[] x, double[] y, double[] dy, double[] dx, int size, int n);
}
