package io.dpnet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.data.CsvReader;
import io.dpnet.data.DataBlock;
import io.dpnet.nn.Model;
import io.dpnet.nn.NetworkBuilder;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.loss.Loss;
import io.dpnet.train.Evaluation;
import io.dpnet.train.LocalTraining;
import io.dpnet.train.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fisher's Iris (150 rows, 3 classes) with two hidden layers, judged on a held-out fifth of the data. */
class IrisTest {

    @Test
    void twoHiddenLayersClassifyHeldOutFlowers() throws Exception {
        DataBlock iris = new CsvReader().read(IrisTest.class.getResource("iris.csv").toString());
        assertEquals(150, iris.size());
        // Every fifth row is held out: 30 flowers, 10 of each species (the file lists them by species).
        List<Integer> trainRows = new ArrayList<>();
        List<Integer> testRows = new ArrayList<>();
        for (int i = 0; i < iris.size(); i++) {
            (i % 5 == 0 ? testRows : trainRows).add(i);
        }
        DataBlock train = standardizedSubset(iris, trainRows, iris);
        DataBlock test = standardizedSubset(iris, testRows, iris);

        NetworkSpec spec = NetworkBuilder.input(4).dense(16).tanh().dense(8).tanh().dense(3).softmax()
                .loss(Loss.SOFTMAX_CROSS_ENTROPY);
        TrainingConfig config = TrainingConfig.builder().batchSize(16).epochs(200).seed(3)
                .sgd(0.05, 0.9, false, 1e-4).build();
        Model model = LocalTraining.fit(spec, config, train, null);
        Evaluation held = LocalTraining.evaluate(model, test);
        assertEquals(30, held.count());
        assertTrue(held.accuracy() >= 0.96, "held-out accuracy " + held.accuracy());
    }

    /** Rows of {@code data}, each feature standardized by the training rows' mean and deviation. */
    private static DataBlock standardizedSubset(DataBlock data, List<Integer> rows, DataBlock all) {
        int d = data.featureCount();
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < all.size(); i++) {
                if (i % 5 != 0) {
                    mean[j] += all.feature(i, j) / 120;
                }
            }
            for (int i = 0; i < all.size(); i++) {
                if (i % 5 != 0) {
                    sd[j] += Math.pow(all.feature(i, j) - mean[j], 2) / 120;
                }
            }
            sd[j] = Math.sqrt(sd[j]);
        }
        double[] x = new double[rows.size() * d];
        int[] y = new int[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            int i = rows.get(k);
            for (int j = 0; j < d; j++) {
                x[k * d + j] = (data.feature(i, j) - mean[j]) / sd[j];
            }
            y[k] = data.label(i);
        }
        return DataBlock.ofFeatures(x, d, y);
    }
}
