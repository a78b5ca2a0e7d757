package io.dpnet.nn;

import io.dpnet.nn.init.Initializer;
import io.dpnet.nn.layer.Scale;
import io.dpnet.nn.loss.Loss;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A network's architecture: input shape, layer specs and loss, with every layer's shape and parameter offset computed
 * and checked once, here. The parameters themselves live apart, in one flat {@code double[]} of {@link #paramCount()}.
 */
public final class NetworkSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Shape input;
    /** An array, not a List: serializers such as Kryo cannot rebuild the JDK's immutable lists. */
    private final LayerSpec[] layers;
    private final Loss loss;
    private final Shape[] shapes;
    private final int[] offsets;
    private final int paramCount;
    private final int trainingDepth;

    public NetworkSpec(Shape input, List<LayerSpec> layerList, Loss loss) {
        if (layerList.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        this.input = input;
        this.layers = layerList.toArray(new LayerSpec[0]);
        this.loss = loss;
        this.shapes = new Shape[layers.length + 1];
        this.offsets = new int[layers.length + 1];
        shapes[0] = input;
        for (int k = 0; k < layers.length; k++) {
            LayerSpec layer = layers[k];
            try {
                shapes[k + 1] = layer.outputShape(shapes[k]);
                offsets[k + 1] = Math.addExact(offsets[k], layer.paramCount(shapes[k]));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new IllegalArgumentException("layer " + (k + 1) + " (" + layer.type() + ") with input "
                        + shapes[k] + ": " + e.getMessage(), e);
            }
        }
        this.paramCount = offsets[layers.length];
        loss.checkWidth(outputSize());
        LayerSpec last = layers[layers.length - 1];
        boolean fused = loss.fusedActivation() != null && loss.fusedActivation().isInstance(last);
        this.trainingDepth = fused ? layers.length - 1 : layers.length;
    }

    public Shape input() {
        return input;
    }

    public List<LayerSpec> layers() {
        return List.of(layers);
    }

    public Loss loss() {
        return loss;
    }

    /** Shape after layer {@code k} ({@code k = 0} is the input). */
    public Shape shape(int k) {
        return shapes[k];
    }

    public int offset(int layer) {
        return offsets[layer];
    }

    /**
     * The activation that the loss applies itself (softmax, sigmoid) when the network does not end in it, else null:
     * what turns the network's output into probabilities outside training.
     */
    public Class<? extends LayerSpec> activationLeftToLoss() {
        return trainingDepth == layers.length ? loss.fusedActivation() : null;
    }

    /** The first layer with parameters: backward passes stop there (the layer count when there is none). */
    public int firstTrainedLayer() {
        int k = 0;
        while (k < layers.length && offsets[k + 1] == offsets[k]) {
            k++;
        }
        return k;
    }

    /** The input scaling the network starts with, if any. */
    public Optional<Scale> scaling() {
        return layers[0] instanceof Scale scale ? Optional.of(scale) : Optional.empty();
    }

    /** The same network with {@code scaling} as its input scaling (replacing any), or with none when it is null. */
    public NetworkSpec withScaling(Scale scaling) {
        List<LayerSpec> list = new ArrayList<>(List.of(layers));
        if (layers[0] instanceof Scale) {
            list.remove(0);
        }
        if (scaling != null) {
            list.add(0, scaling);
        }
        return new NetworkSpec(input, list, loss);
    }

    public int paramCount() {
        return paramCount;
    }

    public int inputSize() {
        return input.size();
    }

    public int outputSize() {
        return shapes[layers.length].size();
    }

    public int numClasses() {
        return Loss.classesFor(outputSize());
    }

    /** Layers run while training: all of them, less a final activation that the loss applies itself. */
    public int trainingDepth() {
        return trainingDepth;
    }

    /** A fresh parameter vector, reproducible for a seed. */
    public double[] initialParams(Initializer initializer, long seed) {
        double[] params = new double[paramCount];
        Random rng = new Random(seed);
        for (int k = 0; k < layers.length; k++) {
            layers[k].initialize(shapes[k], initializer, rng, params, offsets[k]);
        }
        return params;
    }

    /** Throws unless {@code params} has exactly this network's parameter count. */
    public void checkParams(double[] params) {
        if (params.length != paramCount) {
            throw new IllegalArgumentException("the network has " + paramCount + " parameters but " + params.length
                    + " were given");
        }
    }

    /** Buffers and bound layers to compute with in {@code precision}; one per thread. */
    public Network newNetwork(Precision precision) {
        return precision == Precision.FLOAT32 ? new Float32Network(this) : new Float64Network(this);
    }

    /** Architecture as plain maps and lists, for model files; {@link #fromDescription} reads it back. */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        List<Integer> dims = new ArrayList<>();
        for (int v : input.dims()) {
            dims.add(v);
        }
        d.put("input", dims);
        List<Map<String, Object>> ls = new ArrayList<>();
        for (LayerSpec layer : layers) {
            ls.add(layer.describe());
        }
        d.put("layers", ls);
        d.put("loss", loss.configName());
        return d;
    }

    @SuppressWarnings("unchecked")
    public static NetworkSpec fromDescription(Map<String, ?> d) {
        Object in = d.get("input");
        if (!(in instanceof List<?> dims) || dims.isEmpty()) {
            throw new IllegalArgumentException("network description needs 'input' as a list of dimensions, got " + in);
        }
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            Object v = dims.get(i);
            if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new IllegalArgumentException("input dimension " + v + " is not a whole number");
            }
            shape[i] = n.intValue();
        }
        Object ls = d.get("layers");
        if (!(ls instanceof List<?> list)) {
            throw new IllegalArgumentException("network description needs 'layers' as a list, got " + ls);
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (Object l : list) {
            if (!(l instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("layer description " + l + " is not an object");
            }
            layers.addAll(LayerSpecs.fromDescription((Map<String, ?>) m));
        }
        Object loss = d.get("loss");
        if (loss == null) {
            throw new IllegalArgumentException("network description needs a 'loss'");
        }
        return new NetworkSpec(Shape.of(shape), layers, Loss.parse(loss.toString()));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("input ").append(input);
        for (int k = 0; k < layers.length; k++) {
            s.append(" -> ").append(layers[k].type()).append(' ').append(shapes[k + 1]);
        }
        return s.append(", loss ").append(loss.configName()).append(", ").append(paramCount).append(" parameters")
                .toString();
    }
}
