package io.dpnet.nn.layer;

import io.dpnet.nn.BatchContext;
import io.dpnet.nn.Layer;
import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reshapes any sample to a vector of its size; the values stay in place (channel, then row, then column). A network
 * owns one buffer per layer, so the values are copied, which is cheap next to the layers around it. Optional before
 * a dense layer, which takes any shape as a vector anyway; it makes the shape change visible in the network summary.
 */
public final class Flatten implements LayerSpec {
    private static final long serialVersionUID = 1L;

    @Override
    public String type() {
        return "flatten";
    }

    @Override
    public Shape outputShape(Shape input) {
        return Shape.of(input.size());
    }

    @Override
    public Layer bind(Shape input) {
        int size = input.size();
        return new Layer() {
            @Override
            public void forward(double[] params, int offset, double[] x, double[] y, int n, BatchContext batch) {
                System.arraycopy(x, 0, y, 0, size * n);
            }

            @Override
            public void backward(double[] params, int offset, double[] x, double[] y, double[] dy, double[] dx,
                                 double[] grad, int n) {
                if (dx != null) {
                    System.arraycopy(dy, 0, dx, 0, size * n);
                }
            }
        };
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", type());
        return d;
    }
}
