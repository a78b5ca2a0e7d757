package io.dpnet.nn.layer;

/**
 * Softmax over each sample's column, stable through subtracting the column maximum. Under softmax cross-entropy the
 * loss absorbs this layer while training (see {@code Loss}); on its own it back-propagates through the full Jacobian.
 */
public final class Softmax extends Activation {
    private static final long serialVersionUID = 1L;

    @Override
    public String type() {
        return "softmax";
    }
}
