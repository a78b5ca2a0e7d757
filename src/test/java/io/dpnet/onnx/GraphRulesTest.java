package io.dpnet.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.nn.Shape;
import io.dpnet.nn.init.Initializer;
import io.dpnet.nn.layer.Conv2D;
import io.dpnet.nn.layer.Dense;
import io.dpnet.nn.layer.Dropout;
import io.dpnet.nn.layer.Flatten;
import io.dpnet.nn.layer.MaxPool2D;
import io.dpnet.nn.layer.Relu;
import io.dpnet.nn.layer.Scale;
import io.dpnet.nn.layer.Sigmoid;
import io.dpnet.nn.layer.Softmax;
import io.dpnet.nn.loss.Loss;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules of ONNX's checker that apply to these graphs, checked on the parsed file (ONNX has no Java checker):
 * versions, single assignment, order, unique names, declared inputs and outputs, initializer sizes, and the forms
 * chosen (Gemm with [out, in] weights and transB, no Dropout node).
 */
class GraphRulesTest {
    private static final Set<String> OPS = Set.of("Gemm", "Conv", "MaxPool", "Flatten", "Relu", "Sigmoid", "Tanh",
            "Softmax", "Sub", "Mul", "Reshape", "ArgMax", "Greater", "Cast", "Concat", "Identity");

    @TempDir
    Path dir;

    static List<Model> models() {
        NetworkSpec cnn = new NetworkSpec(Shape.of(1, 12, 12), List.of(Scale.uniform("unit-range", 0, 1 / 255.0),
                new Conv2D(3, 3, 1, 1), new Relu(), new MaxPool2D(2), new Flatten(), new Dropout(0.5), new Dense(8),
                new Relu(), new Dense(4), new Softmax()), Loss.SOFTMAX_CROSS_ENTROPY);
        NetworkSpec logits = new NetworkSpec(Shape.of(3, 4, 4), List.of(new Dense(5), new Softmax(), new Dense(3)),
                Loss.SOFTMAX_CROSS_ENTROPY);
        NetworkSpec binary = new NetworkSpec(Shape.of(6), List.of(new Dense(4), new Sigmoid(), new Dense(1)),
                Loss.BINARY_CROSS_ENTROPY);
        NetworkSpec mse = new NetworkSpec(Shape.of(6), List.of(new Dense(3)), Loss.MSE);
        List<Model> models = new ArrayList<>();
        for (NetworkSpec spec : List.of(cnn, logits, binary, mse)) {
            for (Precision precision : Precision.values()) {
                models.add(new Model(spec, spec.initialParams(Initializer.HE, 1), precision));
            }
        }
        return models;
    }

    @Test
    void everyExportKeepsTheRules() throws IOException {
        for (Model model : models()) {
            checkRules(OnnxMl.ModelProto.parseFrom(OnnxExport.toBytes(model)), model.spec());
        }
    }

    static void checkRules(OnnxMl.ModelProto onnx, NetworkSpec spec) {
        assertEquals(OnnxExport.IR_VERSION, onnx.getIrVersion());
        assertEquals(1, onnx.getOpsetImportCount());
        assertEquals("", onnx.getOpsetImport(0).getDomain());
        assertEquals(OnnxExport.OPSET, onnx.getOpsetImport(0).getVersion());
        assertEquals("dpnet", onnx.getProducerName());
        OnnxMl.GraphProto graph = onnx.getGraph();
        assertFalse(graph.getName().isEmpty(), "a graph needs a name");

        Set<String> defined = new HashSet<>();
        assertEquals(1, graph.getInputCount());
        assertTensorType(graph.getInput(0), OnnxExport.INPUT, TensorProto.DataType.FLOAT, spec.input().dims());
        defined.add(OnnxExport.INPUT);
        for (TensorProto init : graph.getInitializerList()) {
            assertTrue(defined.add(init.getName()), "tensor " + init.getName() + " assigned twice");
            long values = init.getDimsList().stream().reduce(1L, (a, b) -> a * b);
            int width = init.getDataType() == TensorProto.DataType.INT64.getNumber() ? 8 : 4;
            assertEquals(values * width, init.getRawData().size(), "bytes of " + init.getName());
        }
        Set<String> nodeNames = new HashSet<>();
        for (OnnxMl.NodeProto node : graph.getNodeList()) {
            assertTrue(OPS.contains(node.getOpType()), "unexpected op " + node.getOpType());
            assertTrue(node.getDomain().isEmpty(), "default domain only");
            assertTrue(nodeNames.add(node.getName()) && !node.getName().isEmpty(), "node name " + node.getName());
            for (String input : node.getInputList()) {
                assertTrue(defined.contains(input), node.getName() + " reads " + input + " before it is defined");
            }
            for (String output : node.getOutputList()) {
                assertTrue(defined.add(output), "tensor " + output + " assigned twice");
            }
            if (node.getOpType().equals("Gemm")) {
                assertGemm(node, graph);
            }
        }
        Map<String, OnnxMl.ValueInfoProto> outputs = graph.getOutputList().stream()
                .collect(Collectors.toMap(OnnxMl.ValueInfoProto::getName, o -> o));
        assertEquals(Set.of(OnnxExport.PROBABILITIES, OnnxExport.CLASS), outputs.keySet());
        assertTensorType(outputs.get(OnnxExport.PROBABILITIES), OnnxExport.PROBABILITIES, TensorProto.DataType.FLOAT,
                spec.numClasses());
        assertTensorType(outputs.get(OnnxExport.CLASS), OnnxExport.CLASS, TensorProto.DataType.INT64);
        for (String output : outputs.keySet()) {
            assertTrue(defined.contains(output), "output " + output + " is never computed");
        }
    }

    /** Y = X W^T + b with W as [units, inputs]: the Linear layer's form. */
    private static void assertGemm(OnnxMl.NodeProto node, OnnxMl.GraphProto graph) {
        assertEquals(3, node.getInputCount());
        assertTrue(node.getAttributeList().stream().anyMatch(a -> a.getName().equals("transB") && a.getI() == 1));
        TensorProto weight = graph.getInitializerList().stream().filter(t -> t.getName().equals(node.getInput(1)))
                .findFirst().orElseThrow();
        TensorProto bias = graph.getInitializerList().stream().filter(t -> t.getName().equals(node.getInput(2)))
                .findFirst().orElseThrow();
        assertEquals(2, weight.getDimsCount());
        assertEquals(List.of(weight.getDims(0)), bias.getDimsList());
    }

    /** [N, dims...] of {@code type}, N left open. */
    private static void assertTensorType(OnnxMl.ValueInfoProto value, String name, TensorProto.DataType type,
                                         int... dims) {
        assertEquals(name, value.getName());
        OnnxMl.TypeProto.Tensor tensor = value.getType().getTensorType();
        assertEquals(type.getNumber(), tensor.getElemType(), name);
        assertEquals(dims.length + 1, tensor.getShape().getDimCount(), name);
        assertEquals("N", tensor.getShape().getDim(0).getDimParam(), name);
        for (int i = 0; i < dims.length; i++) {
            assertEquals(dims[i], tensor.getShape().getDim(i + 1).getDimValue(), name);
        }
    }

    @Test
    void writesTheSameBytesEveryWay() throws IOException {
        Model model = models().get(0);
        byte[] bytes = OnnxExport.toBytes(model);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        OnnxExport.write(model, stream);
        assertArrayEquals(bytes, stream.toByteArray());
        Path file = dir.resolve("model.onnx");
        OnnxExport.save(model, file.toString(), new Configuration(), false);
        assertArrayEquals(bytes, Files.readAllBytes(file));
    }

    @Test
    void replacesAFileOnlyWhenAsked() throws IOException {
        Path file = Files.writeString(dir.resolve("taken.onnx"), "keep me");
        Model model = models().get(0);
        assertThrows(FileAlreadyExistsException.class,
                () -> OnnxExport.save(model, file.toString(), new Configuration(), false));
        assertEquals("keep me", Files.readString(file));
        OnnxExport.save(model, file.toString(), new Configuration(), true);
        assertArrayEquals(OnnxExport.toBytes(model), Files.readAllBytes(file));
        assertThrows(FileAlreadyExistsException.class,
                () -> OnnxExport.save(model, dir.toString(), new Configuration(), true));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void notesTheRoundingOfFloat64Weights() throws IOException {
        for (Model model : models()) {
            String doc = OnnxMl.ModelProto.parseFrom(OnnxExport.toBytes(model)).getDocString();
            assertEquals(model.precision() == Precision.FLOAT64, doc.contains("rounded to float32"), doc);
        }
    }
}
