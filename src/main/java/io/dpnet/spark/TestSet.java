package io.dpnet.spark;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.train.DataFit;

/** Samples held by the driver to evaluate after every epoch, with a name for messages (a file name, say). */
public record TestSet(DataBlock block, String name) {

    /** A test set named "test data" in messages. */
    public static TestSet of(DataBlock block) {
        return new TestSet(block, "test data");
    }

    void checkFits(NetworkSpec network) {
        DataFit.check(block, network, name);
    }
}
