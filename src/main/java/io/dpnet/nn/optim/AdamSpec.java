package io.dpnet.nn.optim;

/** Adam with bias correction and optional L2 weight decay; see {@link Adam}. */
public record AdamSpec(double beta1, double beta2, double epsilon, double weightDecay) implements OptimizerSpec {
    private static final long serialVersionUID = 1L;

    /** Kingma and Ba's settings (beta1 0.9, beta2 0.999, epsilon 1e-8), without weight decay. */
    public static final AdamSpec DEFAULTS = new AdamSpec(0.9, 0.999, 1e-8, 0);

    public AdamSpec {
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weight-decay must be a non-negative number, got " + weightDecay);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + " and " + beta2);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("Adam epsilon must be a positive number, got " + epsilon);
        }
    }

    /** The defaults with weight decay {@code weightDecay}. */
    public static AdamSpec withWeightDecay(double weightDecay) {
        return new AdamSpec(DEFAULTS.beta1, DEFAULTS.beta2, DEFAULTS.epsilon, weightDecay);
    }

    @Override
    public Optimizer create(int paramCount) {
        return new Adam(paramCount, beta1, beta2, epsilon, weightDecay);
    }
}
