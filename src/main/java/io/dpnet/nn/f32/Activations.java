package io.dpnet.nn.f32;

import io.dpnet.nn.BranchFree;

/**
 * The activation functions and their backward passes over {@code len} values (softmax: over columns of {@code size}).
 * Backward passes are expressed through the input x and the output y, so nothing is recomputed. Exponentials are
 * taken in double and sums kept in double, whatever the precision of the values.
 */
public final class Activations {

    private Activations() {
    }

    /** max(0, x); its derivative at 0 is taken as 0. */
    static void relu(float[] x, float[] y, int len) {
        for (int i = 0; i < len; i++) {
            y[i] = BranchFree.keepIfPositive(x[i], x[i]);
        }
    }

    static void reluBackward(float[] x, float[] dy, float[] dx, int len) {
        for (int i = 0; i < len; i++) {
            dx[i] = BranchFree.keepIfPositive(dy[i], x[i]);
        }
    }

    /** Logistic function 1 / (1 + e^-v), without overflow for large |v|. */
    public static float sigmoid(float v) {
        if (v >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-v)));
        }
        double e = Math.exp(v);
        return (float) (e / (1.0 + e));
    }

    static void sigmoid(float[] x, float[] y, int len) {
        for (int i = 0; i < len; i++) {
            y[i] = sigmoid(x[i]);
        }
    }

    static void sigmoidBackward(float[] y, float[] dy, float[] dx, int len) {
        for (int i = 0; i < len; i++) {
            dx[i] = dy[i] * y[i] * (1.0f - y[i]);
        }
    }

    static void tanh(float[] x, float[] y, int len) {
        for (int i = 0; i < len; i++) {
            y[i] = (float) Math.tanh(x[i]);
        }
    }

    static void tanhBackward(float[] y, float[] dy, float[] dx, int len) {
        for (int i = 0; i < len; i++) {
            dx[i] = dy[i] * (1.0f - y[i] * y[i]);
        }
    }

    /** Softmax of {@code x[off..off+size)} into {@code y[off..]}, stable through subtracting the maximum. */
    public static void softmax(float[] x, float[] y, int off, int size) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = off; i < off + size; i++) {
            max = Math.max(max, x[i]);
        }
        double sum = 0;
        for (int i = off; i < off + size; i++) {
            double e = Math.exp(x[i] - max);
            y[i] = (float) e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int i = off; i < off + size; i++) {
            y[i] *= inv;
        }
    }

    /** Back through softmax's full Jacobian, column by column: dx = y (dy - (dy . y)). */
    static void softmaxBackward(float[] y, float[] dy, float[] dx, int size, int n) {
        for (int j = 0; j < n; j++) {
            int off = j * size;
            double dot = 0;
            for (int i = off; i < off + size; i++) {
                dot += dy[i] * y[i];
            }
            float d = (float) dot;
            for (int i = off; i < off + size; i++) {
                dx[i] = y[i] * (dy[i] - d);
            }
        }
    }
}
