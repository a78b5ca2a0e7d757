package io.dpnet.nn.optim;

final class OptimizerState {
    private OptimizerState() {
    }

    static void copyInto(double[][] state, double[] target) {
        if (state.length != 1 || state[0].length != target.length) {
            throw new IllegalArgumentException("optimizer state of " + target.length + " values expected");
        }
        System.arraycopy(state[0], 0, target, 0, target.length);
    }
}
