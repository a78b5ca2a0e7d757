package io.dpnet.cli;

import io.dpnet.config.Recipe;
import io.dpnet.config.RecipeLoader;
import io.dpnet.model.ModelFile;
import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.nn.layer.Scale;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Each layer of a network with its output shape and parameter count; no Spark needed.")
final class SummaryCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true)
    Source source;

    static final class Source {
        @Option(names = "--config", paramLabel = "FILE", description = "A recipe (default: the built-in one).")
        File config;

        @Option(names = "--model", paramLabel = "URI", description = "A saved model.")
        String model;
    }

    @Override
    public Integer call() throws Exception {
        NetworkSpec spec;
        Precision precision;
        if (source != null && source.model != null) {
            Model model = ModelFile.load(source.model, new SparkOptions().hadoopConfiguration());
            spec = model.spec();
            precision = model.precision();
        } else {
            Recipe recipe = source == null || source.config == null ? RecipeLoader.defaults()
                    : RecipeLoader.load(source.config);
            spec = recipe.network();
            precision = recipe.training().precision();
        }
        System.out.print(format(spec, precision));
        return 0;
    }

    static String format(NetworkSpec spec, Precision precision) {
        StringBuilder s = new StringBuilder(String.format("%3s  %-12s %-16s %12s  %s%n", "#", "layer",
                "output shape", "parameters", "settings"));
        s.append(String.format("%3d  %-12s %-16s %,12d%n", 0, "input", spec.input(), 0));
        int depth = spec.layers().size();
        for (int k = 0; k < depth; k++) {
            LayerSpec layer = spec.layers().get(k);
            Map<String, Object> settings = new LinkedHashMap<>(layer.describe());
            settings.remove("type");
            // A fitted scaling may hold two values per feature: its own short form instead.
            Object shown = layer instanceof Scale ? layer : settings.isEmpty() ? "" : settings;
            s.append(String.format("%3d  %-12s %-16s %,12d  %s", k + 1, layer.type(), spec.shape(k + 1),
                    spec.offset(k + 1) - spec.offset(k), shown).stripTrailing())
                    .append(System.lineSeparator());
        }
        s.append(String.format("total %,d parameters (%.2f MB as %s), loss %s%n", spec.paramCount(),
                (double) spec.paramCount() * precision.bytes() / 1e6, precision, spec.loss().configName()));
        return s.toString();
    }
}
