package io.dpnet.nn.layer;

import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An activation: no parameters, output shape equal to input shape. The engines compute them ({@code Activations}).
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

}
