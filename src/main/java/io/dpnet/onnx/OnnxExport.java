package io.dpnet.onnx;

import io.dpnet.model.ModelFile;
import io.dpnet.model.OutputFiles;
import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;

/**
 * Trained networks as ONNX models, to serve with ONNX Runtime or any other ONNX runtime, without Spark or dpnet. The
 * graph takes a float32 tensor {@value #INPUT} of [N, ...input shape] (N any batch size; an image is NCHW) and gives
 * {@value #PROBABILITIES}, float32 [N, classes], the values {@code predict --probabilities} writes, and
 * {@value #CLASS}, int64 [N], the class {@code predict} writes. Under MSE the probabilities are the raw outputs.
 * Weights are float32 in the file: a float64 model's are rounded, so its exported outputs differ from its own in about
 * the seventh significant digit.
 *
 * <p>Opset {@value #OPSET} (IR version {@value #IR_VERSION}), in the forms PyTorch's exporter emits: Gemm with the
 * weights as [out, in] and {@code transB = 1} for dense layers, Conv, MaxPool, Flatten, Relu, Sigmoid, Tanh, Softmax,
 * Sub and Mul for input scaling, ArgMax (or Greater and Cast for a single output unit) for the class. Dropout is left
 * out, as at inference.
 */
public final class OnnxExport {
    /** The graph's input: float32 [N, ...input shape]. */
    public static final String INPUT = "input";
    /** The graph's output of class probabilities: float32 [N, classes]. */
    public static final String PROBABILITIES = "probabilities";
    /** The graph's output of predicted classes: int64 [N]. */
    public static final String CLASS = "class";
    /** ONNX's default operator set version the graph uses: read by ONNX Runtime, TensorRT, OpenCV and others. */
    public static final int OPSET = 13;
    /** The IR version that came with opset 13 (ONNX 1.8). */
    public static final int IR_VERSION = 7;

    private OnnxExport() {
    }

    /** The ONNX model of {@code model}, as the bytes of a {@code .onnx} file. */
    public static byte[] toBytes(Model model) {
        return ModelGraph.of(model).toByteArray();
    }

    /** Writes the ONNX model of {@code model} to {@code out}. */
    public static void write(Model model, OutputStream out) throws IOException {
        ModelGraph.of(model).writeTo(out);
    }

    /**
     * Writes the ONNX model of {@code model} to {@code uri} (a local path or any Hadoop file system), through a
     * temporary file renamed into place; an existing file is replaced only with {@code overwrite}.
     *
     * @throws java.nio.file.FileAlreadyExistsException if {@code uri} exists and may not be replaced
     */
    public static void save(Model model, String uri, Configuration conf, boolean overwrite) throws IOException {
        byte[] bytes = toBytes(model);
        OutputFiles.writeAtomically(uri, conf, overwrite, out -> out.write(bytes));
    }

    /** Exports the model file at {@code modelUri} to {@code onnxUri}, as {@link #save} does. */
    public static void convert(String modelUri, String onnxUri, Configuration conf, boolean overwrite)
            throws IOException {
        save(ModelFile.load(modelUri, conf), onnxUri, conf, overwrite);
    }

    /** The graph's inputs and outputs, e.g. {@code input float32 [N, 784] -> probabilities float32 [N, 10], ...}. */
    public static String signature(NetworkSpec spec) {
        String dims = Arrays.stream(spec.input().dims()).mapToObj(String::valueOf).collect(Collectors.joining(", "));
        return INPUT + " float32 [N, " + dims + "] -> " + PROBABILITIES + " float32 [N, " + spec.numClasses() + "], "
                + CLASS + " int64 [N]";
    }
}
