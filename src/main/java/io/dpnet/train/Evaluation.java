package io.dpnet.train;

import java.io.Serializable;
import java.util.List;

/** Loss and confusion matrix over a data set; parts computed on different partitions add up. */
public final class Evaluation implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long[][] confusion;
    private double lossSum;
    private long count;

    public Evaluation(int numClasses) {
        this.confusion = new long[numClasses][numClasses];
    }

    void record(int label, int predicted) {
        confusion[label][predicted]++;
        count++;
    }

    void addLoss(double loss) {
        lossSum += loss;
    }

    /** Partitions' evaluations added up in their order, so that the sum is the same on every run. */
    public static Evaluation sum(int numClasses, List<Evaluation> parts) {
        Evaluation total = new Evaluation(numClasses);
        for (Evaluation part : parts) {
            total.add(part);
        }
        return total;
    }

    public Evaluation add(Evaluation other) {
        for (int i = 0; i < confusion.length; i++) {
            for (int j = 0; j < confusion.length; j++) {
                confusion[i][j] += other.confusion[i][j];
            }
        }
        lossSum += other.lossSum;
        count += other.count;
        return this;
    }

    public long count() {
        return count;
    }

    public double accuracy() {
        long correct = 0;
        for (int i = 0; i < confusion.length; i++) {
            correct += confusion[i][i];
        }
        return count == 0 ? Double.NaN : (double) correct / count;
    }

    /** Mean loss per sample. */
    public double loss() {
        return count == 0 ? Double.NaN : lossSum / count;
    }

    /** Rows are true labels, columns predictions. */
    public long[][] confusionMatrix() {
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }
}
