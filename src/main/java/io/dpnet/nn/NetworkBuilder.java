package io.dpnet.nn;

import io.dpnet.nn.layer.Conv2D;
import io.dpnet.nn.layer.Dense;
import io.dpnet.nn.layer.Dropout;
import io.dpnet.nn.layer.Flatten;
import io.dpnet.nn.layer.MaxPool2D;
import io.dpnet.nn.loss.Loss;
import java.util.ArrayList;
import java.util.List;

/**
 * Fluent construction of a {@link NetworkSpec}:
 * {@code NetworkBuilder.input(784).dense(128).relu().dense(10).softmax().loss(Loss.SOFTMAX_CROSS_ENTROPY)}, or for
 * images {@code NetworkBuilder.input(1, 28, 28).conv2d(6, 5).relu().maxPool(2).flatten().dense(10)...}.
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

    /** A convolution with stride 1 and no padding. */
    public NetworkBuilder conv2d(int filters, int kernel) {
        return layer(new Conv2D(filters, kernel, 1, 0));
    }

    public NetworkBuilder conv2d(int filters, int kernel, int stride, int padding) {
        return layer(new Conv2D(filters, kernel, stride, padding));
    }

    /** Max pooling over windows side by side (stride = size). */
    public NetworkBuilder maxPool(int size) {
        return layer(new MaxPool2D(size));
    }

    public NetworkBuilder maxPool(int size, int stride) {
        return layer(new MaxPool2D(size, stride));
    }

    public NetworkBuilder flatten() {
        return layer(new Flatten());
    }

    public NetworkBuilder dropout(double rate) {
        return layer(new Dropout(rate));
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
