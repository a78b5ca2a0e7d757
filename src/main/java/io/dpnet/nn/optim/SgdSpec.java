package io.dpnet.nn.optim;

/** Plain SGD at the schedule's rate, with L2 weight decay and optional (Nesterov) momentum; see {@link Sgd}. */
public record SgdSpec(double momentum, boolean nesterov, double weightDecay) implements OptimizerSpec {
    private static final long serialVersionUID = 1L;

    /** Without momentum or weight decay. */
    public static final SgdSpec PLAIN = new SgdSpec(0, false, 0);

    public SgdSpec {
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weight-decay must be a non-negative number, got " + weightDecay);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("nesterov needs a momentum above 0");
        }
    }

    @Override
    public Optimizer create(int paramCount) {
        return new Sgd(paramCount, momentum, nesterov, weightDecay);
    }
}
