/**
 * Spark ML for dpnet: {@code NeuralNetClassifier}, an {@code Estimator} that is a drop-in for MLlib's
 * {@code MultilayerPerceptronClassifier} (same param names, types, defaults and checks), and its model, a
 * probabilistic classification {@code Transformer}. Both work in pipelines and under cross-validation, and save and
 * load with MLlib's writers and readers.
 */
package io.dpnet.ml;
