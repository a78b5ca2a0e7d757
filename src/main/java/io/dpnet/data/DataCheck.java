package io.dpnet.data;

/** Checks that a data set fits a network: its labels name the network's classes and its features fill its input. */
public final class DataCheck {

    private DataCheck() {
    }

    /** Both checks below; {@code source} names the data set in messages (a file name, "bundled MNIST", ...). */
    public static void fitsNetwork(DataBlock data, int inputSize, int numClasses, String source)
            throws InvalidDataException {
        featureCount(data, inputSize, source);
        labelsInRange(data, numClasses, source);
    }

    /** Fails on the first label outside {@code 0..numClasses-1}, naming it and its sample's global index. */
    public static void labelsInRange(DataBlock data, int numClasses, String source) throws InvalidDataException {
        if (numClasses < 1) {
            throw new IllegalArgumentException("a network needs at least one class, got " + numClasses);
        }
        for (int i = 0; i < data.size(); i++) {
            int label = data.label(i);
            if (label < 0 || label >= numClasses) {
                throw new InvalidDataException(source + ": labels must be in 0.." + (numClasses - 1) + ", found "
                        + label + " at sample " + (data.firstIndex() + i));
            }
        }
    }

    public static void featureCount(DataBlock data, int inputSize, String source) throws InvalidDataException {
        if (data.featureCount() != inputSize) {
            throw new InvalidDataException(source + ": data has " + data.featureCount()
                    + " features but the network takes " + inputSize);
        }
    }
}
