package io.dpnet.nn.layer;

/** f(x) = x: a linear output, e.g. for regression-style targets under mean squared error. */
public final class Identity extends Activation {
    private static final long serialVersionUID = 1L;

    @Override
    public String type() {
        return "identity";
    }
}
