package io.dpnet.train;

/**
 * Early stopping on the validation loss, as Keras's {@code EarlyStopping(patience, restore_best_weights=True)}: the
 * run stops once {@code patience} epochs in a row have not lowered the best validation loss, and its weights go back to
 * those of the best epoch.
 */
final class EarlyStop {
    private final int patience;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private double[] bestParams;
    private int since;

    EarlyStop(int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("early stopping needs a patience of at least 1 epoch, got " + patience);
        }
        this.patience = patience;
    }

    /** Takes epoch {@code epoch}'s validation loss for weights {@code params}; true when the run should stop. */
    boolean observe(int epoch, double loss, double[] params) {
        if (loss < bestLoss) {
            bestLoss = loss;
            bestEpoch = epoch;
            bestParams = params.clone();
            since = 0;
        } else {
            since++;
        }
        return since >= patience;
    }

    /** Puts the best epoch's weights into {@code params}; nothing when no epoch has been observed. */
    void restoreBest(double[] params) {
        if (bestParams != null) {
            System.arraycopy(bestParams, 0, params, 0, params.length);
        }
    }

    int bestEpoch() {
        return bestEpoch;
    }
}
