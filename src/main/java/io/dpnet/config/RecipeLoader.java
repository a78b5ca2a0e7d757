package io.dpnet.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.nn.init.Initializer;
import io.dpnet.nn.optim.AdamSpec;
import io.dpnet.nn.optim.OptimizerSpec;
import io.dpnet.nn.optim.SgdSpec;
import io.dpnet.train.Scaling;
import io.dpnet.train.Sync;
import io.dpnet.train.TrainingConfig;
import java.io.File;
import java.util.Locale;

/**
 * Reads recipes from HOCON files (Lightbend Config). A file needs to state only what differs from the defaults,
 * {@code defaults.conf} in {@code conf/}, which the build also puts in the jar.
 */
public final class RecipeLoader {
    static final String DEFAULTS_RESOURCE = "defaults.conf";

    private RecipeLoader() {
    }

    /** The built-in default recipe. */
    public static Recipe defaults() {
        return fromConfig(defaultConfig(), DEFAULTS_RESOURCE);
    }

    /** Loads a recipe file, falling back to the defaults for what it leaves out. */
    public static Recipe load(File file) {
        if (!file.isFile()) {
            throw new IllegalArgumentException("config file " + file + " does not exist");
        }
        try {
            Config config = ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
            return fromConfig(config.withFallback(defaultConfig()).resolve(), file.toString());
        } catch (ConfigException e) {
            throw new IllegalArgumentException("config file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a recipe from HOCON text, falling back to the defaults (used by tests and the Java API). */
    public static Recipe parse(String hocon) {
        try {
            return fromConfig(ConfigFactory.parseString(hocon).withFallback(defaultConfig()).resolve(), "config text");
        } catch (ConfigException e) {
            throw new IllegalArgumentException("config text: " + e.getMessage(), e);
        }
    }

    private static Config defaultConfig() {
        return ConfigFactory.parseResources(RecipeLoader.class.getClassLoader(), DEFAULTS_RESOURCE,
                ConfigParseOptions.defaults().setAllowMissing(false));
    }

    /** The optimizer section: sgd's settings, or adam's, whose betas and epsilon default to Kingma and Ba's. */
    private static OptimizerSpec optimizer(Config o) {
        switch (o.getString("type").trim().toLowerCase(Locale.ROOT)) {
            case "sgd", "momentum":
                return new SgdSpec(o.getDouble("momentum"), o.getBoolean("nesterov"), o.getDouble("weight-decay"));
            case "adam":
                AdamSpec d = AdamSpec.DEFAULTS;
                return new AdamSpec(orDefault(o, "beta1", d.beta1()), orDefault(o, "beta2", d.beta2()),
                        orDefault(o, "epsilon", d.epsilon()), o.getDouble("weight-decay"));
            default:
                throw new IllegalArgumentException("unknown optimizer '" + o.getString("type")
                        + "' (expected sgd or adam)");
        }
    }

    private static double orDefault(Config c, String key, double fallback) {
        return c.hasPath(key) ? c.getDouble(key) : fallback;
    }

    private static Recipe fromConfig(Config c, String source) {
        try {
            // Only the network's own keys: unwrapping keeps lists of layer objects as plain maps.
            NetworkSpec network = NetworkSpec.fromDescription(c.getConfig("network").root().unwrapped());
            Config t = c.getConfig("training");
            Config s = t.getConfig("schedule");
            Config sync = t.getConfig("sync");
            TrainingConfig training = TrainingConfig.builder()
                    .batchSize(t.getInt("batch-size"))
                    .epochs(t.getInt("epochs"))
                    .seed(t.getLong("seed"))
                    .initializer(Initializer.parse(t.getString("initializer")))
                    .optimizer(optimizer(t.getConfig("optimizer")))
                    .learningRate(t.getDouble("optimizer.learning-rate"))
                    .warmup(s.getDouble("warmup-epochs"))
                    .stepDecay(s.getDouble("decay-every-epochs"), s.getDouble("decay-factor"))
                    .sync(Sync.parse(sync.getString("mode")), sync.getInt("local-steps"))
                    .precision(Precision.parse(t.getString("precision")))
                    .scaling(Scaling.parse(t.getString("scaling")))
                    .build();
            return new Recipe(network, training);
        } catch (ConfigException | IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }
}
