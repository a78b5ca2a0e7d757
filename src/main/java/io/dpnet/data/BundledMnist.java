package io.dpnet.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The MNIST subset shipped in the jar: the first 10,000 training and the first 2,000 test digits, so that examples
 * and tests run without downloading anything. {@code scripts/get-mnist.sh} fetches the full set.
 */
public final class BundledMnist {
    public static final int TRAIN_SIZE = 10_000;
    public static final int TEST_SIZE = 2_000;

    private static final String PREFIX = "classpath:";
    private static final String RESOURCE_DIR = "/io/dpnet/data/mnist-subset/";

    private BundledMnist() {
    }

    /** Parses the bundled files anew on each call (about a second); keep the result rather than calling again. */
    public static MnistData load() throws IOException {
        List<String> locations = MnistIdxReader.STANDARD_FILES.stream()
                .map(name -> PREFIX + RESOURCE_DIR + name + ".gz")
                .toList();
        return MnistIdxReader.readStandardFiles(locations, BundledMnist::openResource, HeapRoom.driver());
    }

    private static SizedInput openResource(String location) throws IOException {
        InputStream in = BundledMnist.class.getResourceAsStream(location.substring(PREFIX.length()));
        if (in == null) {
            throw new FileNotFoundException(location + ": not on the class path (is the dpnet jar complete?)");
        }
        return SizedInput.unsized(Gzip.decompressIfNeeded(in, location));
    }
}
