package io.dpnet.examples;

import io.dpnet.data.BundledMnist;
import io.dpnet.data.MnistData;
import io.dpnet.nn.NetworkBuilder;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.init.Initializer;
import io.dpnet.nn.loss.Loss;
import io.dpnet.spark.RunOptions;
import io.dpnet.spark.SparkDefaults;
import io.dpnet.spark.SparkTraining;
import io.dpnet.spark.TestSet;
import io.dpnet.spark.TrainingData;
import io.dpnet.train.EpochReport;
import io.dpnet.train.TrainingConfig;
import java.io.IOException;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * dpnet's Java API on the MNIST digits bundled with it (10,000 to train on, 2,000 to test): an MLP and a small CNN,
 * each built in code, trained on Spark and reported epoch by epoch. {@code conf/mnist-mlp.conf} and
 * {@code conf/mnist-cnn.conf} are the same networks as recipes, for the full MNIST.
 */
public final class MnistExamples {
    private MnistExamples() {
    }

    public static void main(String[] args) throws IOException {
        SparkConf conf = SparkDefaults.apply(new SparkConf().setAppName("dpnet MnistExamples"))
                .setIfMissing("spark.master", "local[*]");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            System.out.printf("MLP test accuracy %.4f%n", mlp(sc, 8));
            System.out.printf("CNN test accuracy %.4f%n", cnn(sc, 2));
        }
    }

    /** 784-128-64-10 with ReLU and softmax cross-entropy, SGD with momentum; the final test accuracy. */
    public static double mlp(JavaSparkContext sc, int epochs) throws IOException {
        NetworkSpec network = NetworkBuilder.input(784)
                .dense(128).relu()
                .dense(64).relu()
                .dense(10).softmax()
                .loss(Loss.SOFTMAX_CROSS_ENTROPY);
        TrainingConfig training = TrainingConfig.builder().batchSize(256).epochs(epochs).seed(1)
                .initializer(Initializer.HE).sgd(0.1, 0.9, false, 5e-4).warmup(1).build();
        return train(sc, network, training);
    }

    /** LeNet-5 style: two 5x5 convolutions with ReLU and 2x2 max pooling, then 120-84-10; the final test accuracy. */
    public static double cnn(JavaSparkContext sc, int epochs) throws IOException {
        NetworkSpec network = NetworkBuilder.input(1, 28, 28)
                .conv2d(6, 5, 1, 2).relu().maxPool(2)
                .conv2d(16, 5).relu().maxPool(2)
                .flatten()
                .dense(120).relu()
                .dense(84).relu()
                .dense(10).softmax()
                .loss(Loss.SOFTMAX_CROSS_ENTROPY);
        TrainingConfig training = TrainingConfig.builder().batchSize(128).epochs(epochs).seed(1)
                .initializer(Initializer.HE).sgd(0.05, 0.9, false, 5e-4).warmup(0.5).build();
        return train(sc, network, training);
    }

    private static double train(JavaSparkContext sc, NetworkSpec network, TrainingConfig training)
            throws IOException {
        MnistData digits = BundledMnist.load();
        System.out.println(network);
        try (SparkTraining trainer = SparkTraining.open(sc, network, training, TrainingData.of(digits.train()),
                TestSet.of(digits.test()), RunOptions.defaults(sc))) {
            List<EpochReport> history = trainer.fit(report -> System.out.printf(
                    "epoch %d/%d: loss %.4f, test accuracy %.4f%n", report.epoch(), report.epochs(), report.loss(),
                    report.testAccuracy())).history();
            return history.get(history.size() - 1).testAccuracy();
        }
    }
}
