package io.dpnet.cli;

import io.dpnet.model.ModelFile;
import io.dpnet.model.OutputFiles;
import io.dpnet.nn.Model;
import io.dpnet.nn.Precision;
import io.dpnet.onnx.OnnxExport;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a saved model as an ONNX file, to serve it with ONNX Runtime or another ONNX runtime; "
                + "no Spark needed.")
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "URI", required = true, description = "The saved model.")
    String model;

    @Option(names = "--out", paramLabel = "FILE.onnx", required = true,
            description = "Where to write the ONNX model: a local path or any Hadoop URI.")
    String out;

    @Option(names = "--overwrite", description = "Replace --out if it exists.")
    boolean overwrite;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        Configuration hadoop = new SparkOptions().hadoopConfiguration();
        // Before reading the model, which may be large: a taken --out is a mistake to report at once.
        OutputFiles.checkTarget("--out", out, hadoop, overwrite);
        Model loaded = ModelFile.load(model, hadoop);
        OnnxExport.save(loaded, out, hadoop, overwrite);
        System.out.printf("%s written: ONNX opset %d, %s%n", out, OnnxExport.OPSET,
                OnnxExport.signature(loaded.spec()));
        if (loaded.precision() == Precision.FLOAT64) {
            System.out.println("the float64 model's weights are rounded to float32, as ONNX's float32 input is");
        }
        return 0;
    }
}
