package io.dpnet.nn;

import io.dpnet.nn.layer.Dense;
import io.dpnet.nn.loss.Loss;
import java.util.ArrayList;
import java.util.List;

/**
 * Fluent construction of a {@link NetworkSpec}:
 * {@code NetworkBuilder.input(784).dense(128).relu().dense(10).softmax().loss(Loss.SOFTMAX_CROSS_ENTROPY)}.
 */
public final class NetworkBuilder {
    private final Shape input;
    private final List<LayerSpec> layers = new ArrayList<>();

    private NetworkBuilder(Shape input) {
        this.input = input;
    }

    public static NetworkBuilder input(int... dims) {
        return new NetworkBuilder(Shape.of(dims));
    }

    public NetworkBuilder layer(LayerSpec layer) {
        layers.add(layer);
        return this;
    }

    public NetworkBuilder dense(int units) {
        return layer(new Dense(units));
    }

    public NetworkBuilder activation(String name) {
        return layer(LayerSpecs.activation(name));
    }

    public NetworkBuilder relu() {
        return activation("relu");
    }

    public NetworkBuilder sigmoid() {
        return activation("sigmoid");
    }

    public NetworkBuilder tanh() {
        return activation("tanh");
    }

    public NetworkBuilder softmax() {
        return activation("softmax");
    }

    public NetworkBuilder identity() {
        return activation("identity");
    }

    /** Ends the description with its loss and checks every layer's shapes. */
    public NetworkSpec loss(Loss loss) {
        return new NetworkSpec(input, layers, loss);
    }
}
