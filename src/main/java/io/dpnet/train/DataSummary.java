package io.dpnet.train;

import io.dpnet.data.FeatureStats;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.layer.Scale;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training data as the run sees it before the first step: samples per class, the features' range and mean, the
 * input scaling fitted to them, and warnings about what is likely to go wrong. {@link #of} fails on data that cannot
 * train the network (labels beyond its outputs, values that are not finite); a class without samples is a warning
 * that {@link #requireEveryClass} turns into an error.
 */
public record DataSummary(String source, FeatureStats stats, Scaling requested, Scale scale,
                          List<Integer> missingClasses, List<String> warnings) {
    /** Without scaling, features beyond this magnitude (or all below its inverse) draw a warning. */
    static final double FAR_FROM_UNIT = 10;

    /**
     * Checks {@code stats} of the data named {@code source} against {@code network} and fits {@code scaling}, unless
     * the network already has a fitted one ({@code network}'s own, as when resuming), which is kept.
     */
    public static DataSummary of(String source, FeatureStats stats, NetworkSpec network, Scaling scaling) {
        int classes = network.numClasses();
        if (stats.count() == 0) {
            throw new IllegalArgumentException(source + " holds no samples");
        }
        if (stats.labelRange() > classes) {
            throw new IllegalArgumentException(source + ": labels reach " + (stats.labelRange() - 1)
                    + " but the network has " + classes + " classes (labels 0.." + (classes - 1) + ")");
        }
        for (int j = 0; j < stats.featureCount(); j++) {
            if (!Double.isFinite(stats.min(j)) || !Double.isFinite(stats.max(j))) {
                throw new IllegalArgumentException(source + ": feature " + j + " is not finite everywhere");
            }
        }
        Scale scale = network.scaling().orElseGet(() -> scaling.fit(stats, source));
        List<String> warnings = new ArrayList<>();
        List<Integer> missing = missingClasses(stats, classes);
        if (!missing.isEmpty()) {
            warnings.add(String.format("no sample of class %s of the network's %d (labels 0..%d): a class the data "
                    + "lacks cannot be learnt; give the network as many outputs as the data has classes",
                    join(missing), classes, classes - 1));
        }
        double reach = stats.maxAbs();
        if (scale == null && (reach > FAR_FROM_UNIT || reach < 1 / FAR_FROM_UNIT)) {
            String hint = scaling.method() == Scaling.Method.AUTO ? "standardize or unit-range"
                    : "auto (or standardize, unit-range)";
            warnings.add(String.format("features reach %s, far from unit scale, and no scaling applies: training "
                    + "may diverge or stall; scale them with %s (--scaling, or the estimator's scaling param)",
                    Scaling.format(reach), hint));
        }
        return new DataSummary(source, stats, scaling, scale, missing, List.copyOf(warnings));
    }

    private static List<Integer> missingClasses(FeatureStats stats, int classes) {
        List<Integer> missing = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            if (stats.classCount(c) == 0) {
                missing.add(c);
            }
        }
        return List.copyOf(missing);
    }

    /**
     * Fails when a class of the network has no sample: the command line's rule. (Spark ML's estimator only warns,
     * as MultilayerPerceptronClassifier trains such data without a word.)
     */
    public void requireEveryClass() {
        if (!missingClasses.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + warnings.get(0));
        }
    }

    /** The network to train: {@code network} with the fitted scaling in front (or none). */
    public NetworkSpec network(NetworkSpec network) {
        return network.withScaling(scale);
    }

    /** What the scaling is, as printed: e.g. "unit-range, (x - 0) * 0.003922 (auto)". */
    public String scalingDescription() {
        String applied = scale == null ? "none" : scale.toString();
        return requested.method() == Scaling.Method.AUTO ? applied + " (auto)" : applied;
    }

    /** Two lines for people, printed before training: the data and the scaling ({@link #warnings} apart). */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        int classes = stats.labelRange();
        long least = Long.MAX_VALUE;
        long most = 0;
        StringBuilder perClass = new StringBuilder();
        for (int c = 0; c < classes; c++) {
            least = Math.min(least, stats.classCount(c));
            most = Math.max(most, stats.classCount(c));
            perClass.append(c == 0 ? "" : ", ").append(c).append(": ").append(String.format("%,d",
                    stats.classCount(c)));
        }
        out.add(String.format("data: %,d samples, %d classes (%s), %d features in [%s, %s], mean %.4g",
                stats.count(), classes, classes <= 20 ? perClass : String.format("%,d to %,d per class", least, most),
                stats.featureCount(), Scaling.format(stats.min()), Scaling.format(stats.max()), stats.mean()));
        out.add("scaling: " + scalingDescription());
        return out;
    }

    /** The summary for the metrics JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("samples", stats.count());
        List<Long> perClass = new ArrayList<>();
        for (int c = 0; c < stats.labelRange(); c++) {
            perClass.add(stats.classCount(c));
        }
        m.put("class_counts", perClass);
        m.put("features", stats.featureCount());
        m.put("feature_min", stats.min());
        m.put("feature_max", stats.max());
        m.put("feature_mean", stats.mean());
        m.put("scaling", scale == null ? "none" : scale.method());
        m.put("scaling_requested", requested.toString());
        m.put("warnings", warnings);
        return m;
    }

    private static String join(List<Integer> values) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            s.append(i == 0 ? "" : i == values.size() - 1 ? " or " : ", ").append(values.get(i));
        }
        return s.toString();
    }
}
