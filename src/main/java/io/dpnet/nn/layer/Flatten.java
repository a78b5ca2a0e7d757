package io.dpnet.nn.layer;

import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reshapes any sample to a vector of its size; the values stay in place (channel, then row, then column). Optional
 * before a dense layer, which takes any shape as a vector anyway; it makes the shape change visible in the network
 * summary.
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
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", type());
        return d;
    }
}
