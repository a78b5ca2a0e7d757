package io.dpnet.cli;

/** A confusion matrix as aligned text: rows are true labels, columns predictions. */
final class ConfusionTable {
    private ConfusionTable() {
    }

    static String format(long[][] confusion) {
        int k = confusion.length;
        long max = 1;
        for (long[] row : confusion) {
            for (long v : row) {
                max = Math.max(max, v);
            }
        }
        int width = Math.max(4, Long.toString(max).length() + 1);
        StringBuilder s = new StringBuilder("confusion matrix (rows: true label, columns: predicted)\n");
        s.append(String.format("%6s", ""));
        for (int j = 0; j < k; j++) {
            s.append(String.format("%" + width + "d", j));
        }
        s.append('\n');
        for (int i = 0; i < k; i++) {
            s.append(String.format("%6d", i));
            for (int j = 0; j < k; j++) {
                s.append(String.format("%" + width + "d", confusion[i][j]));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
