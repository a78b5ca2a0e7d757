package io.dpnet.nn.layer;

import io.dpnet.nn.BatchContext;
import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.SampleKeys;
import io.dpnet.nn.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inverted dropout: while training, each unit is zeroed with probability {@code rate} and the kept ones are scaled by
 * 1 / (1 - rate), so that the expected output equals the input and inference is the identity.
 *
 * <p>Whether unit i of a sample is kept is a hash of (the layer's {@code seed}, its position in the network, the
 * sample's key from the {@link BatchContext}, i), not a draw from a shared generator: the same sample with the same key
 * gets the same mask on any partition and in any column, so the gradient does not depend on how the data is split.
 */
public final class Dropout implements LayerSpec {
    private static final long serialVersionUID = 1L;
    private final double rate;
    private final long seed;

    public Dropout(double rate, long seed) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.seed = seed;
    }

    public Dropout(double rate) {
        this(rate, 0);
    }

    public double rate() {
        return rate;
    }

    public long seed() {
        return seed;
    }

    @Override
    public String type() {
        return "dropout";
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    /** The start of every unit's hash for this layer at {@code position} in its network: masks differ by layer. */
    public long layerHash(int position) {
        return SampleKeys.mix(SampleKeys.mix(seed) ^ position);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", type());
        d.put("rate", rate);
        if (seed != 0) {
            d.put("seed", seed);
        }
        return d;
    }
}
