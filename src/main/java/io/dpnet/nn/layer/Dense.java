package io.dpnet.nn.layer;

import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.Shape;
import io.dpnet.nn.init.Initializer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Fully connected layer y = W x + b. Parameters: W as [units x inputs] column-major, then b [units]. Any input shape
 * is taken as a flat vector, so a Dense may follow a convolution directly.
 */
public final class Dense implements LayerSpec {
    private static final long serialVersionUID = 1L;
    private final int units;

    public Dense(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("dense layer needs a positive number of units, got " + units);
        }
        this.units = units;
    }

    public int units() {
        return units;
    }

    @Override
    public String type() {
        return "dense";
    }

    @Override
    public Shape outputShape(Shape input) {
        return Shape.of(units);
    }

    @Override
    public int paramCount(Shape input) {
        return Math.addExact(Math.multiplyExact(units, input.size()), units);
    }

    @Override
    public void initialize(Shape input, Initializer initializer, Random rng, double[] params, int offset) {
        int fanIn = input.size();
        int weights = units * fanIn;
        for (int i = 0; i < weights; i++) {
            params[offset + i] = initializer.sample(rng, fanIn, units);
        }
        Arrays.fill(params, offset + weights, offset + weights + units, 0.0);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", type());
        d.put("units", units);
        return d;
    }
}
