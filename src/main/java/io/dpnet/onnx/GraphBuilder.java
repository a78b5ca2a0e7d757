package io.dpnet.onnx;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import com.google.protobuf.ByteString;
import io.dpnet.nn.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An ONNX graph under construction: nodes in the order they run, initializers, inputs and outputs. Every tensor name
 * is given once (ONNX graphs are in single-assignment form), and a node is named after the tensor it produces, so node
 * names are unique too. Tensors have a leading batch dimension, {@link #BATCH}, left open.
 */
final class GraphBuilder {
    /** The symbolic name of the batch dimension. */
    static final String BATCH = "N";

    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();

    GraphBuilder(String name) {
        graph.setName(name);
    }

    /** A float32 graph input of [N, shape...]. */
    Tensor input(String name, Shape shape) {
        graph.addInput(valueInfo(claim(name), TensorProto.DataType.FLOAT, shape.dims()));
        return new Tensor(name, shape);
    }

    /** Declares {@code name}, already produced by a node, a graph output of [N, dims...]. */
    void output(String name, TensorProto.DataType type, int... dims) {
        if (!names.contains(name)) {
            throw new IllegalStateException("no tensor " + name + " to output");
        }
        graph.addOutput(valueInfo(name, type, dims));
    }

    /** A float32 constant of the given dimensions, stored as raw little-endian bytes as ONNX's exporters do. */
    String floats(String name, int[] dims, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return constant(name, TensorProto.DataType.FLOAT, dims, bytes);
    }

    /** A one-dimensional int64 constant, e.g. a shape for Reshape. */
    String longs(String name, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return constant(name, TensorProto.DataType.INT64, new int[] {values.length}, bytes);
    }

    private String constant(String name, TensorProto.DataType type, int[] dims, ByteBuffer bytes) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(claim(name)).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (int d : dims) {
            tensor.addDims(d);
        }
        graph.addInitializer(tensor);
        return name;
    }

    /** A node of the default domain with one output, {@code output}, which also names the node. */
    String node(String opType, List<String> inputs, String output, AttributeProto... attributes) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType).setName(claim(output))
                .addAllInput(inputs).addOutput(output);
        for (AttributeProto attribute : attributes) {
            node.addAttribute(attribute);
        }
        graph.addNode(node);
        return output;
    }

    /**
     * Makes {@code tensor} available as {@code name}: by renaming it where a node produces it and nothing reads it yet,
     * else through an Identity node.
     */
    String rename(String tensor, String name) {
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto.Builder node = graph.getNodeBuilder(i);
            if (node.getOutput(0).equals(tensor) && !isRead(tensor)) {
                node.setOutput(0, claim(name)).setName(name);
                names.remove(tensor);
                return name;
            }
        }
        return node("Identity", List.of(tensor), name);
    }

    private boolean isRead(String tensor) {
        return graph.getNodeList().stream().anyMatch(n -> n.getInputList().contains(tensor));
    }

    OnnxMl.GraphProto build() {
        return graph.build();
    }

    static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value)
                .build();
    }

    static AttributeProto integers(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private String claim(String name) {
        if (!names.add(name)) {
            throw new IllegalStateException("tensor name " + name + " is already taken");
        }
        return name;
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, TensorProto.DataType type, int[] dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        shape.addDimBuilder().setDimParam(BATCH);
        for (int d : dims) {
            shape.addDimBuilder().setDimValue(d);
        }
        OnnxMl.TypeProto.Tensor tensor = OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber())
                .setShape(shape).build();
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(tensor)).build();
    }
}
