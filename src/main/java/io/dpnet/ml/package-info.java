/**
 * Spark ML for dpnet, and only the adapting: {@code NeuralNetClassifier}, an {@code Estimator} that is a drop-in for
 * MLlib's {@code MultilayerPerceptronClassifier} (same param names, types, defaults and checks), and its model, a
 * probabilistic classification {@code Transformer}. Both work in pipelines and under cross-validation, and save and
 * load with MLlib's writers and readers. Training goes through the same entry point as the command line's
 * ({@code io.dpnet.spark.SparkTraining}); MLlib's full-batch solvers run on its gradients.
 */
package io.dpnet.ml;
