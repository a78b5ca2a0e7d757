package io.dpnet.onnx;

import static io.dpnet.onnx.GraphBuilder.integer;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.nn.layer.Sigmoid;
import io.dpnet.nn.layer.Softmax;
import io.dpnet.nn.loss.Loss;
import java.util.List;

/**
 * A model as an ONNX ModelProto: its layers, then two heads that give what {@code predict} gives. The class comes from
 * the output the loss was trained on (logits under a cross-entropy) exactly as the engines pick it: the first largest
 * unit, or for a single unit whether it passes 0 (logits) or 0.5 (MSE). The probabilities are {@code Model.output}
 * with the loss's own activation applied where the network leaves it to the loss, a single unit u giving [1 - u, u].
 */
final class ModelGraph {
    /** ONNX's protobuf messages cannot pass 2 GB, and larger models need external data files. */
    private static final long MAX_WEIGHT_BYTES = 1L << 31;

    private ModelGraph() {
    }

    static OnnxMl.ModelProto of(Model model) {
        NetworkSpec spec = model.spec();
        if (4L * spec.paramCount() >= MAX_WEIGHT_BYTES) {
            throw new IllegalArgumentException("the network's " + spec.paramCount()
                    + " parameters exceed the 2 GB that one ONNX file holds");
        }
        GraphBuilder graph = new GraphBuilder("dpnet");
        LayerNodes layers = new LayerNodes(graph, spec, model.params());
        Tensor scores = graph.input(OnnxExport.INPUT, spec.input());
        int depth = spec.layers().size();
        for (int k = 0; k < spec.trainingDepth(); k++) {
            scores = layers.apply(k, scores);
        }
        Tensor output = scores;
        for (int k = spec.trainingDepth(); k < depth; k++) {
            output = layers.apply(k, output);
        }
        Class<? extends LayerSpec> fused = spec.activationLeftToLoss();
        if (fused != null) {
            LayerSpec activation = fused == Softmax.class ? new Softmax() : new Sigmoid();
            output = layers.activation("loss_" + activation.type(), activation, output);
        }
        classHead(graph, spec, layers.flat("scores_flatten", scores));
        probabilityHead(graph, layers.flat("output_flatten", output));
        graph.output(OnnxExport.PROBABILITIES, DataType.FLOAT, spec.numClasses());
        graph.output(OnnxExport.CLASS, DataType.INT64);
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(OnnxExport.IR_VERSION)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxExport.OPSET))
                .setProducerName("dpnet")
                .setProducerVersion(version())
                .setDocString(describe(model))
                .addMetadataProps(property("dpnet.loss", spec.loss().configName()))
                .addMetadataProps(property("dpnet.precision", model.precision().configName()))
                .setGraph(graph.build())
                .build();
    }

    private static void classHead(GraphBuilder graph, NetworkSpec spec, Tensor scores) {
        if (scores.shape().size() > 1) {
            // ArgMax takes the first of equal maxima, as the engines do.
            graph.node("ArgMax", List.of(scores.name()), OnnxExport.CLASS, integer("axis", 1),
                    integer("keepdims", 0));
            return;
        }
        float threshold = spec.loss() == Loss.MSE ? 0.5f : 0.0f;
        String above = graph.node("Greater", List.of(scores.name(),
                graph.floats("class_threshold", new int[] {1}, new float[] {threshold})), "class_above");
        String asLong = graph.node("Cast", List.of(above), "class_int64",
                integer("to", DataType.INT64.getNumber()));
        graph.node("Reshape", List.of(asLong, graph.longs("class_shape", -1)), OnnxExport.CLASS);
    }

    private static void probabilityHead(GraphBuilder graph, Tensor output) {
        if (output.shape().size() > 1) {
            graph.rename(output.name(), OnnxExport.PROBABILITIES);
            return;
        }
        String one = graph.floats("one", new int[] {1}, new float[] {1});
        String first = graph.node("Sub", List.of(one, output.name()), "class0_probability");
        graph.node("Concat", List.of(first, output.name()), OnnxExport.PROBABILITIES, integer("axis", 1));
    }

    private static String describe(Model model) {
        String doc = "dpnet network: " + model.spec();
        return model.precision() == Precision.FLOAT64 ? doc + "; float64 weights rounded to float32" : doc;
    }

    private static OnnxMl.StringStringEntryProto property(String key, String value) {
        return OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private static String version() {
        String v = ModelGraph.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
