package io.dpnet.nn;

/** What both precisions' networks share: their spec and the input, label and key buffers they lend to callers. */
abstract class BufferedNetwork implements Network {
    protected final NetworkSpec spec;
    private double[] inputs = new double[0];
    private int[] labels = new int[0];
    private long[] keys = new long[0];

    BufferedNetwork(NetworkSpec spec) {
        this.spec = spec;
    }

    @Override
    public NetworkSpec spec() {
        return spec;
    }

    @Override
    public double[] inputBuffer(int n) {
        if (inputs.length < (long) spec.inputSize() * n) {
            inputs = new double[Math.multiplyExact(spec.inputSize(), n)];
        }
        return inputs;
    }

    @Override
    public int[] labelBuffer(int n) {
        if (labels.length < n) {
            labels = new int[n];
        }
        return labels;
    }

    @Override
    public long[] keyBuffer(int n) {
        if (keys.length < n) {
            keys = new long[n];
        }
        return keys;
    }
}
