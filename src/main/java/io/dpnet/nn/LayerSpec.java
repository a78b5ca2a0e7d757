package io.dpnet.nn;

import io.dpnet.nn.init.Initializer;
import java.io.Serializable;
import java.util.Map;
import java.util.Random;

/**
 * What a layer is, apart from any data: it checks and infers shapes, counts and initializes its parameters. The
 * engines ({@code io.dpnet.nn.f32}, {@code io.dpnet.nn.f64}) bind it to the code that computes it. Only specs and the
 * flat parameter vector travel to executors.
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

    /** The settings that rebuild this spec through {@link LayerSpecs#fromDescription}, {@code type} included. */
    Map<String, Object> describe();
}
