package io.dpnet.ml;

import io.dpnet.nn.LayerSpec;
import io.dpnet.nn.Network;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.nn.f64.Activations;
import io.dpnet.nn.layer.Softmax;
import io.dpnet.nn.loss.Loss;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * What a network's output means as Spark ML's {@code rawPrediction} and {@code probability}: one raw score per class,
 * the largest for the predicted class, and probabilities that follow from them without changing which is largest.
 * Under a cross-entropy loss the raw scores are the logits, before the activation that the loss applies itself, as
 * MultilayerPerceptronClassifier's are.
 */
final class ClassScores implements Serializable {
    private static final long serialVersionUID = 1L;

    enum Kind {
        /** Softmax cross-entropy: raw = logits, probability = their softmax. */
        SOFTMAX,
        /** Binary cross-entropy on one unit z: raw = [-z, z], probability = [1 - s(z), s(z)], as LogisticRegression. */
        SIGMOID_BINARY,
        /** Binary cross-entropy with a unit per class: raw = logits, probability = their sigmoids, normalized. */
        SIGMOID_PER_CLASS,
        /** A network that ends in softmax under another loss: raw = its output, already a distribution. */
        DISTRIBUTION,
        /** Any other output (e.g. MSE on a linear or sigmoid layer): probability = softmax of the raw scores. */
        SCORES
    }

    private final NetworkSpec scoring;
    private final Precision precision;
    private final Kind kind;
    private final int numClasses;
    /** One network per thread that scores, kept from row to row: Spark ML scores one row per call. */
    private transient volatile ThreadLocal<Network> networks;

    private ClassScores(NetworkSpec scoring, Precision precision, Kind kind, int numClasses) {
        this.scoring = scoring;
        this.precision = precision;
        this.kind = kind;
        this.numClasses = numClasses;
    }

    /** The scores of {@code network} computed in {@code precision}. */
    static ClassScores of(NetworkSpec network, Precision precision) {
        Loss loss = network.loss();
        List<LayerSpec> layers = network.layers();
        LayerSpec last = layers.get(layers.size() - 1);
        // Training leaves out only a final activation that the loss applies itself.
        boolean endsInFused = network.trainingDepth() < layers.size();
        // Activations have no parameters, so the network without its last one reads the same flat weights.
        NetworkSpec scoring = endsInFused && layers.size() > 1
                ? new NetworkSpec(network.input(), layers.subList(0, layers.size() - 1), loss)
                : network;
        Kind kind;
        if (endsInFused && layers.size() == 1) {
            kind = loss == Loss.SOFTMAX_CROSS_ENTROPY ? Kind.DISTRIBUTION : Kind.SCORES;
        } else if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
            kind = Kind.SOFTMAX;
        } else if (loss == Loss.BINARY_CROSS_ENTROPY) {
            kind = network.outputSize() == 1 ? Kind.SIGMOID_BINARY : Kind.SIGMOID_PER_CLASS;
        } else {
            kind = last instanceof Softmax ? Kind.DISTRIBUTION : Kind.SCORES;
        }
        return new ClassScores(scoring, precision, kind, network.numClasses());
    }

    Kind kind() {
        return kind;
    }

    int numClasses() {
        return numClasses;
    }

    /** Raw scores of one sample, {@code numClasses} of them. */
    double[] raw(double[] params, double[] features) {
        Network network = network();
        network.fix(params);
        double[] out = network.output(params, features, 1);
        if (scoring.outputSize() > 1) {
            return Arrays.copyOf(out, numClasses);
        }
        // One output unit standing for two classes.
        double z = out[0];
        return kind == Kind.SIGMOID_BINARY ? new double[] {-z, z} : new double[] {1 - z, z};
    }

    private Network network() {
        ThreadLocal<Network> local = networks;
        if (local == null) {
            synchronized (this) {
                if (networks == null) {
                    networks = ThreadLocal.withInitial(() -> scoring.newNetwork(precision));
                }
                local = networks;
            }
        }
        return local.get();
    }

    /** Turns raw scores into class probabilities, in place. */
    void probabilityInPlace(double[] scores) {
        switch (kind) {
            case SOFTMAX, SCORES -> Activations.softmax(scores, scores, 0, scores.length);
            case SIGMOID_BINARY -> {
                double p = Activations.sigmoid(scores[1]);
                scores[0] = 1 - p;
                scores[1] = p;
            }
            case SIGMOID_PER_CLASS -> {
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = Activations.sigmoid(scores[i]);
                }
                normalize(scores);
            }
            case DISTRIBUTION -> normalize(scores);
            default -> throw new IllegalStateException("unknown kind " + kind);
        }
    }

    private static void normalize(double[] p) {
        double sum = 0;
        for (double v : p) {
            sum += Math.max(v, 0);
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = sum > 0 ? Math.max(p[i], 0) / sum : 1.0 / p.length;
        }
    }
}
