package io.dpnet.nn.layer;

/** Hyperbolic tangent. */
public final class Tanh extends Activation {
    private static final long serialVersionUID = 1L;

    @Override
    public String type() {
        return "tanh";
    }
}
