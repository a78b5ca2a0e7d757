package io.dpnet.nn.init;

import java.util.Locale;
import java.util.Random;

/** How weights start. Biases always start at zero. */
public enum Initializer {
    /** Glorot/Xavier uniform: U(-a, a) with a = sqrt(6 / (fanIn + fanOut)); suits sigmoid and tanh. */
    XAVIER {
        @Override
        public double sample(Random rng, int fanIn, int fanOut) {
            double a = Math.sqrt(6.0 / (fanIn + fanOut));
            return (2 * rng.nextDouble() - 1) * a;
        }
    },
    /** He normal: N(0, 2 / fanIn); suits ReLU. */
    HE {
        @Override
        public double sample(Random rng, int fanIn, int fanOut) {
            return rng.nextGaussian() * Math.sqrt(2.0 / fanIn);
        }
    },
    /** Small Gaussian N(0, 0.01^2), the classic from-scratch choice. */
    GAUSSIAN {
        @Override
        public double sample(Random rng, int fanIn, int fanOut) {
            return rng.nextGaussian() * 0.01;
        }
    },
    /** U(-0.5, 0.5). */
    UNIFORM {
        @Override
        public double sample(Random rng, int fanIn, int fanOut) {
            return rng.nextDouble() - 0.5;
        }
    };

    public abstract double sample(Random rng, int fanIn, int fanOut);

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Initializer parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "xavier", "glorot", "glorot_uniform", "xavier_uniform":
                return XAVIER;
            case "he", "he_normal":
                return HE;
            case "gaussian", "normal":
                return GAUSSIAN;
            case "uniform":
                return UNIFORM;
            default:
                throw new IllegalArgumentException("unknown initializer '" + name
                        + "' (expected xavier, he, gaussian or uniform)");
        }
    }
}
