package io.dpnet.train;

import io.dpnet.data.DataBlock;
import io.dpnet.data.DataCheck;
import io.dpnet.data.InvalidDataException;
import io.dpnet.nn.NetworkSpec;

/**
 * The library's own guard that a data set fits a network, for callers that skip the command line's checks: a label
 * past the output would otherwise read a neighbour's score, and a wrong width would misalign every sample.
 */
public final class DataFit {
    private DataFit() {
    }

    public static void check(DataBlock data, NetworkSpec spec, String name) {
        try {
            DataCheck.fitsNetwork(data, spec.inputSize(), spec.numClasses(), name);
        } catch (InvalidDataException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
