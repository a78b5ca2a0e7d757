package io.dpnet.nn.f32;

import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.Shape;
import io.dpnet.nn.layer.Conv2D;
import io.dpnet.nn.layer.Dense;
import io.dpnet.nn.layer.Dropout;
import io.dpnet.nn.layer.Flatten;
import io.dpnet.nn.layer.Identity;
import io.dpnet.nn.layer.ImageShape;
import io.dpnet.nn.layer.MaxPool2D;
import io.dpnet.nn.layer.Relu;
import io.dpnet.nn.layer.Scale;
import io.dpnet.nn.layer.Sigmoid;
import io.dpnet.nn.layer.Softmax;
import io.dpnet.nn.layer.Tanh;

/** Binds layer specs to the layers of this engine. */
public final class Layers {

    private Layers() {
    }

    /** The layer that computes {@code spec} on {@code input}, sitting at {@code position} (0-based) in its network. */
    public static Layer bind(LayerSpec spec, Shape input, int position) {
        int size = input.size();
        if (spec instanceof Dense dense) {
            return new DenseLayer(size, dense.units());
        }
        if (spec instanceof Conv2D conv) {
            Shape out = conv.outputShape(input);
            ImageShape image = ImageShape.of(input, conv.type());
            return new Conv2DLayer(new Im2Col(image, conv.kernel(), conv.stride(), conv.padding(), out.dim(1),
                    out.dim(2)), size, conv.filters(), Conv2DLayer.COLUMN_BUDGET);
        }
        if (spec instanceof MaxPool2D pool) {
            Shape out = pool.outputShape(input);
            return new MaxPoolLayer(ImageShape.of(input, pool.type()), out.dim(1), out.dim(2), pool.size(),
                    pool.stride());
        }
        if (spec instanceof Dropout dropout) {
            return new DropoutLayer(size, dropout.rate(), dropout.layerHash(position));
        }
        if (spec instanceof Scale scale) {
            return new ScaleLayer(scale, size);
        }
        if (spec instanceof Flatten) {
            return new CopyLayer(size);
        }
        return new ActivationLayer(activation(spec), size);
    }

    private static ActivationLayer.Kind activation(LayerSpec spec) {
        if (spec instanceof Relu) {
            return ActivationLayer.Kind.RELU;
        }
        if (spec instanceof Sigmoid) {
            return ActivationLayer.Kind.SIGMOID;
        }
        if (spec instanceof Tanh) {
            return ActivationLayer.Kind.TANH;
        }
        if (spec instanceof Softmax) {
            return ActivationLayer.Kind.SOFTMAX;
        }
        if (spec instanceof Identity) {
            return ActivationLayer.Kind.IDENTITY;
        }
        throw new IllegalArgumentException("no float32 layer computes " + spec.type());
    }
}
