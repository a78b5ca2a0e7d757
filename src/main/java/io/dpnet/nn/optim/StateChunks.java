package io.dpnet.nn.optim;

import java.util.Arrays;

/**
 * An optimizer's state cut into the chunks of the parameters that separate hands update, and put back together. The
 * optimizers are element-wise, so the update of chunk [from, to) needs only that chunk of each per-parameter array
 * (momentum, Adam's moments) and the whole of the shared ones (Adam's step counter, the same in every chunk).
 */
public final class StateChunks {
    private StateChunks() {
    }

    /** The state {@code spec}'s optimizer keeps for parameters [from, to), out of {@code state} for all of them. */
    public static double[][] cut(OptimizerSpec spec, double[][] state, int from, int to) {
        boolean[] perParameter = perParameter(spec);
        double[][] chunk = new double[state.length][];
        for (int i = 0; i < state.length; i++) {
            chunk[i] = perParameter[i] ? Arrays.copyOfRange(state[i], from, to) : state[i].clone();
        }
        return chunk;
    }

    /** Writes a chunk's state for parameters starting at {@code from} into {@code state} for all of them. */
    public static void paste(OptimizerSpec spec, double[][] chunk, int from, double[][] state) {
        boolean[] perParameter = perParameter(spec);
        for (int i = 0; i < state.length; i++) {
            if (perParameter[i]) {
                System.arraycopy(chunk[i], 0, state[i], from, chunk[i].length);
            } else {
                System.arraycopy(chunk[i], 0, state[i], 0, state[i].length);
            }
        }
    }

    /** The length of the longest state array that does not grow with the parameters (0 if none does not). */
    public static int sharedLength(OptimizerSpec spec) {
        boolean[] perParameter = perParameter(spec);
        double[][] state = spec.create(1).state();
        int longest = 0;
        for (int i = 0; i < state.length; i++) {
            if (!perParameter[i]) {
                longest = Math.max(longest, state[i].length);
            }
        }
        return longest;
    }

    /** Which state arrays grow with the parameter count: told apart by building the optimizer for 1 and for 2. */
    public static boolean[] perParameter(OptimizerSpec spec) {
        double[][] one = spec.create(1).state();
        double[][] two = spec.create(2).state();
        boolean[] grows = new boolean[one.length];
        for (int i = 0; i < one.length; i++) {
            grows[i] = one[i].length != two[i].length;
        }
        return grows;
    }
}
