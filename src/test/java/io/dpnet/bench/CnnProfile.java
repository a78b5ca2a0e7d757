package io.dpnet.bench;

import io.dpnet.config.RecipeLoader;
import io.dpnet.nn.BatchContext;
import io.dpnet.nn.Blas;
import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.PhaseTimes;
import io.dpnet.nn.f32.Conv2DLayer;
import io.dpnet.nn.f32.Layer;
import io.dpnet.nn.f32.Layers;
import io.dpnet.nn.init.Initializer;
import java.io.File;
import java.util.List;
import java.util.Random;

/**
 * Per-layer time of one partition's forward and backward pass over a batch of random images, with each convolution's
 * split into im2col (and col2im), GEMM and the rest, in float32 (the default precision). Binds the layers itself, as
 * the engine does, to time them one by one; the loss's gradient is a fixed random one.
 *
 * <pre>java -cp target/test-classes:target/classes:CLASSPATH io.dpnet.bench.CnnProfile [recipe] [batch] [seconds]</pre>
 *
 * Defaults: conf/mnist-cnn.conf, a batch of 256 (a 2-partition share of a 512 global batch), 10 seconds of timing after
 * as long a warm-up.
 */
public final class CnnProfile {
    private CnnProfile() {
    }

    public static void main(String[] args) {
        NetworkSpec spec = RecipeLoader.load(new File(args.length > 0 ? args[0] : "conf/mnist-cnn.conf")).network();
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        System.out.println(spec);
        System.out.println("BLAS " + Blas.implementationName() + ", batch " + n);
        System.out.print(profile(spec, n, seconds));
    }

    /** Times every layer for {@code seconds} after as long a warm-up; a Markdown summary and table. */
    static String profile(NetworkSpec spec, int n, double seconds) {
        List<LayerSpec> specs = spec.layers();
        int depth = spec.trainingDepth();
        Layer[] layers = new Layer[depth];
        float[][] values = new float[depth + 1][];
        float[][] deltas = new float[depth + 1][];
        for (int k = 0; k < depth; k++) {
            layers[k] = Layers.bind(specs.get(k), spec.shape(k), k);
        }
        Random rng = new Random(1);
        for (int k = 0; k <= depth; k++) {
            values[k] = new float[spec.shape(k).size() * n];
            deltas[k] = new float[spec.shape(k).size() * n];
        }
        for (int i = 0; i < values[0].length; i++) {
            values[0][i] = rng.nextFloat();
        }
        for (int i = 0; i < deltas[depth].length; i++) {
            deltas[depth][i] = (float) rng.nextGaussian() / n;
        }
        long[] keys = rng.longs(n).toArray();
        double[] initial = spec.initialParams(Initializer.HE, 1);
        float[] params = new float[initial.length];
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) initial[i];
        }
        float[] grad = new float[params.length];
        long[] forward = new long[depth];
        long[] backward = new long[depth];

        runFor(seconds, spec, layers, values, deltas, params, grad, keys, n, forward, backward);
        java.util.Arrays.fill(forward, 0);
        java.util.Arrays.fill(backward, 0);
        for (Layer layer : layers) {
            if (layer instanceof Conv2DLayer conv) {
                conv.phaseTimes().reset();
            }
        }
        int reps = runFor(seconds, spec, layers, values, deltas, params, grad, keys, n, forward, backward);

        long total = 0;
        for (int k = 0; k < depth; k++) {
            total += forward[k] + backward[k];
        }
        StringBuilder out = new StringBuilder(String.format("%d passes over %d images; %.1f ms per pass, %.0f "
                + "images/s (forward + backward, one thread)%n%n", reps, n, total / 1e6 / reps,
                (double) n * reps / (total / 1e9)));
        out.append("| # | layer | output | forward ms | backward ms | share | conv: im2col+col2im / GEMM / other |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (int k = 0; k < depth; k++) {
            String split = "";
            if (layers[k] instanceof Conv2DLayer conv) {
                PhaseTimes t = conv.phaseTimes();
                double sum = t.im2colNanos() + t.gemmNanos() + t.otherNanos();
                split = String.format("%.0f%% / %.0f%% / %.0f%%", 100 * t.im2colNanos() / sum,
                        100 * t.gemmNanos() / sum, 100 * t.otherNanos() / sum);
            }
            out.append(String.format("| %d | %s | %s | %.3f | %.3f | %.1f%% | %s |%n", k + 1, specs.get(k).type(),
                    spec.shape(k + 1), forward[k] / 1e6 / reps, backward[k] / 1e6 / reps,
                    100.0 * (forward[k] + backward[k]) / total, split));
        }
        return out.toString();
    }

    private static int runFor(double seconds, NetworkSpec spec, Layer[] layers, float[][] values, float[][] deltas,
                              float[] params, float[] grad, long[] keys, int n, long[] forward, long[] backward) {
        int depth = layers.length;
        BatchContext batch = BatchContext.of(true, keys);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int reps = 0;
        while (System.nanoTime() < end) {
            for (int k = 0; k < depth; k++) {
                long t = System.nanoTime();
                layers[k].forward(params, spec.offset(k), values[k], values[k + 1], n, batch);
                forward[k] += System.nanoTime() - t;
            }
            for (int k = depth - 1; k >= 0; k--) {
                long t = System.nanoTime();
                layers[k].backward(params, spec.offset(k), values[k], values[k + 1], deltas[k + 1],
                        k == 0 ? null : deltas[k], grad, n);
                backward[k] += System.nanoTime() - t;
            }
            reps++;
        }
        return reps;
    }
}
