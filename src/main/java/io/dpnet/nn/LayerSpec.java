package io.dpnet.nn;

import io.dpnet.nn.init.Initializer;
import java.io.Serializable;
import java.util.Map;
import java.util.Random;

/**
 * What a layer is, apart from any data: it checks and infers shapes, counts and initializes its parameters and makes
 * a bound {@link Layer}. Only specs and the flat parameter vector travel to executors.
 */
public interface LayerSpec extends Serializable {

    /** The name used in config and model files, e.g. {@code dense}, {@code relu}. */
    String type();

    /** Output shape for this input shape; throws IllegalArgumentException saying what does not fit. */
    Shape outputShape(Shape input);

    default int paramCount(Shape input) {
        return 0;
    }

    default void initialize(Shape input, Initializer initializer, Random rng, double[] params, int offset) {
    }

    Layer bind(Shape input);

    /**
     * Binds the layer at {@code position} (0-based) in its network. Only layers whose behaviour depends on where they
     * sit need this, e.g. dropout, whose masks must differ from one dropout layer to the next.
     */
    default Layer bind(Shape input, int position) {
        return bind(input);
    }

    /** The settings that rebuild this spec through {@link LayerSpecs#fromDescription}, {@code type} included. */
    Map<String, Object> describe();
}
