package io.dpnet.nn.layer;

/** Logistic function 1 / (1 + e^-x), computed without overflow for large |x|. */
public final class Sigmoid extends Activation {
    private static final long serialVersionUID = 1L;

    @Override
    public String type() {
        return "sigmoid";
    }
}
