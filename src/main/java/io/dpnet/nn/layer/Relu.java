package io.dpnet.nn.layer;

/** Rectified linear unit max(0, x); its derivative at 0 is taken as 0. */
public final class Relu extends Activation {
    private static final long serialVersionUID = 1L;

    @Override
    public String type() {
        return "relu";
    }
}
