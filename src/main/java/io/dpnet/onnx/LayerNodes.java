package io.dpnet.onnx;

import static io.dpnet.onnx.GraphBuilder.integer;
import static io.dpnet.onnx.GraphBuilder.integers;

import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.NetworkSpec;
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
import java.util.List;

/**
 * Each layer of a network as ONNX nodes, with its parameters read from the flat vector in the layouts the engines
 * use (docs/MODEL_FORMAT.md) and rounded to float32. Samples keep their layout: a [channels, height, width] sample is
 * ONNX's NCHW, and ONNX's Flatten keeps the values in place as ours does.
 */
final class LayerNodes {
    private final GraphBuilder graph;
    private final NetworkSpec spec;
    private final double[] params;

    LayerNodes(GraphBuilder graph, NetworkSpec spec, double[] params) {
        this.graph = graph;
        this.spec = spec;
        this.params = params;
    }

    /** Layer {@code k} (0-based) applied to {@code in}; its tensors are named after it, e.g. layer3_dense. */
    Tensor apply(int k, Tensor in) {
        LayerSpec layer = spec.layers().get(k);
        String name = "layer" + (k + 1) + "_" + layer.type();
        int offset = spec.offset(k);
        if (layer instanceof Dense dense) {
            return dense(name, dense, offset, in);
        }
        if (layer instanceof Conv2D conv) {
            return conv(name, conv, offset, in);
        }
        if (layer instanceof MaxPool2D pool) {
            return maxPool(name, pool, in);
        }
        if (layer instanceof Scale scale) {
            return scale(name, scale, in);
        }
        if (layer instanceof Flatten) {
            return flat(name, in);
        }
        // Dropout is the identity at inference.
        if (layer instanceof Dropout || layer instanceof Identity) {
            return in;
        }
        return activation(name, layer, in);
    }

    /** An activation layer's function as a node named {@code name}. */
    Tensor activation(String name, LayerSpec layer, Tensor in) {
        if (layer instanceof Softmax) {
            return softmax(name, in);
        }
        String op = layer instanceof Relu ? "Relu" : layer instanceof Sigmoid ? "Sigmoid"
                : layer instanceof Tanh ? "Tanh" : null;
        if (op == null) {
            throw new IllegalArgumentException("no ONNX export for layer type " + layer.type());
        }
        return new Tensor(graph.node(op, List.of(in.name()), name), in.shape());
    }

    /** {@code in} as [N, size]: as it is if it has that shape already, else through a Flatten node. */
    Tensor flat(String name, Tensor in) {
        if (in.isFlat()) {
            return in;
        }
        return new Tensor(graph.node("Flatten", List.of(in.name()), name, integer("axis", 1)),
                Shape.of(in.shape().size()));
    }

    /** Gemm with the weights as [units, inputs] and transB = 1, the form PyTorch exports a Linear layer in. */
    private Tensor dense(String name, Dense dense, int offset, Tensor in) {
        Tensor x = flat(name + "_flatten", in);
        int inputs = x.shape().size();
        int units = dense.units();
        // Ours is [units x inputs] column-major: unit i's weight for input j is at offset + j * units + i.
        float[] w = new float[units * inputs];
        for (int i = 0; i < units; i++) {
            for (int j = 0; j < inputs; j++) {
                w[i * inputs + j] = (float) params[offset + j * units + i];
            }
        }
        String weight = graph.floats(name + "_weight", new int[] {units, inputs}, w);
        String bias = graph.floats(name + "_bias", new int[] {units}, floats(offset + units * inputs, units));
        return new Tensor(graph.node("Gemm", List.of(x.name(), weight, bias), name, integer("transB", 1)),
                Shape.of(units));
    }

    /** Ours stores each filter's taps contiguously in (channel, row, column) order: ONNX's [filters, C, k, k]. */
    private Tensor conv(String name, Conv2D conv, int offset, Tensor in) {
        ImageShape image = ImageShape.of(in.shape(), conv.type());
        int filters = conv.filters();
        int kernel = conv.kernel();
        int weights = filters * image.channels() * kernel * kernel;
        String weight = graph.floats(name + "_weight", new int[] {filters, image.channels(), kernel, kernel},
                floats(offset, weights));
        String bias = graph.floats(name + "_bias", new int[] {filters}, floats(offset + weights, filters));
        int pad = conv.padding();
        String out = graph.node("Conv", List.of(in.name(), weight, bias), name,
                integers("kernel_shape", kernel, kernel), integers("strides", conv.stride(), conv.stride()),
                integers("pads", pad, pad, pad, pad));
        return new Tensor(out, conv.outputShape(in.shape()));
    }

    /** Without padding and with ceil_mode 0, ONNX's MaxPool leaves out what no whole window covers, as ours does. */
    private Tensor maxPool(String name, MaxPool2D pool, Tensor in) {
        String out = graph.node("MaxPool", List.of(in.name()), name,
                integers("kernel_shape", pool.size(), pool.size()), integers("strides", pool.stride(), pool.stride()));
        return new Tensor(out, pool.outputShape(in.shape()));
    }

    /** (x - shift) * factor as Sub then Mul, in float32 as the float32 engine computes it. */
    private Tensor scale(String name, Scale scale, Tensor in) {
        int count = scale.perFeature() ? in.shape().size() : 1;
        // Per feature: constants of the sample's shape, which broadcast over the batch; else one value.
        int[] dims = scale.perFeature() ? in.shape().dims() : new int[] {1};
        float[] shift = new float[count];
        float[] factor = new float[count];
        for (int i = 0; i < count; i++) {
            shift[i] = (float) scale.shift(i);
            factor[i] = (float) scale.factor(i);
        }
        String shifted = graph.node("Sub", List.of(in.name(), graph.floats(name + "_shift", dims, shift)),
                name + "_shifted");
        return new Tensor(graph.node("Mul", List.of(shifted, graph.floats(name + "_factor", dims, factor)), name),
                in.shape());
    }

    /**
     * Ours normalizes all of a sample's values together, ONNX's Softmax (opset 13) along one axis: an image sample
     * is flattened for it and given its shape back.
     */
    private Tensor softmax(String name, Tensor in) {
        if (in.isFlat()) {
            return new Tensor(graph.node("Softmax", List.of(in.name()), name, integer("axis", 1)), in.shape());
        }
        Tensor flat = flat(name + "_flatten", in);
        String normalized = graph.node("Softmax", List.of(flat.name()), name + "_flat", integer("axis", 1));
        int[] dims = in.shape().dims();
        long[] shape = new long[dims.length + 1];
        shape[0] = -1;
        for (int i = 0; i < dims.length; i++) {
            shape[i + 1] = dims[i];
        }
        String target = graph.longs(name + "_shape", shape);
        return new Tensor(graph.node("Reshape", List.of(normalized, target), name), in.shape());
    }

    private float[] floats(int offset, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) params[offset + i];
        }
        return values;
    }
}
