package io.dpnet.nn.f32;

import io.dpnet.nn.loss.Loss;

/**
 * The losses' values and gradients ({@link Loss} says what each one is). Each returns the loss summed over the batch,
 * in double, and writes d(summed loss)/d(output); the trainer divides by the number of samples once, after
 * aggregation. The cross-entropies take logits and apply their activation themselves.
 */
final class Losses {

    private Losses() {
    }

    /**
     * The loss summed over {@code n} samples of {@code out} ([width x n], column-major) and, unless {@code dOut} is
     * null, its gradient with respect to {@code out}.
     */
    static double lossAndGradient(Loss loss, float[] out, int[] labels, int width, int n, float[] dOut) {
        return switch (loss) {
            case MSE -> meanSquared(out, labels, width, n, dOut);
            case BINARY_CROSS_ENTROPY -> binaryCrossEntropy(out, labels, width, n, dOut);
            case SOFTMAX_CROSS_ENTROPY -> softmaxCrossEntropy(out, labels, width, n, dOut);
        };
    }

    /** 1/2 ||y - t||^2 per sample. */
    private static double meanSquared(float[] out, int[] labels, int width, int n, float[] dOut) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            int off = j * width;
            for (int i = 0; i < width; i++) {
                float d = out[off + i] - target(labels[j], i, width);
                sum += 0.5 * d * d;
                if (dOut != null) {
                    dOut[off + i] = d;
                }
            }
        }
        return sum;
    }

    /** Sigmoid then cross-entropy, per output unit: log(1 + e^z) - t z, computed without overflow. */
    private static double binaryCrossEntropy(float[] out, int[] labels, int width, int n, float[] dOut) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            int off = j * width;
            for (int i = 0; i < width; i++) {
                float z = out[off + i];
                float t = target(labels[j], i, width);
                sum += Math.max(z, 0) - t * z + Math.log1p(Math.exp(-Math.abs(z)));
                if (dOut != null) {
                    dOut[off + i] = Activations.sigmoid(z) - t;
                }
            }
        }
        return sum;
    }

    /** Softmax then cross-entropy -log p_label, with the column maximum subtracted for stability. */
    private static double softmaxCrossEntropy(float[] out, int[] labels, int width, int n, float[] dOut) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            int off = j * width;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < width; i++) {
                max = Math.max(max, out[off + i]);
            }
            double z = 0;
            for (int i = 0; i < width; i++) {
                z += Math.exp(out[off + i] - max);
            }
            double logZ = max + Math.log(z);
            sum += logZ - out[off + labels[j]];
            if (dOut != null) {
                for (int i = 0; i < width; i++) {
                    dOut[off + i] = (float) (Math.exp(out[off + i] - logZ) - (i == labels[j] ? 1.0 : 0.0));
                }
            }
        }
        return sum;
    }

    /** The target of unit {@code unit}: the label itself for a single output, else one-hot. */
    private static float target(int label, int unit, int width) {
        if (width == 1) {
            return label;
        }
        return unit == label ? 1.0f : 0.0f;
    }
}
