/**
 * What the tests share: {@link io.dpnet.testing.LocalSpark}, a Spark session per test class (through
 * {@link io.dpnet.testing.LocalSparkExtension}); {@link io.dpnet.testing.SparkTestConf}, the one test
 * {@code SparkConf}; and {@link io.dpnet.testing.TestData}, small generated data sets.
 *
 * <p>Tests that start executor JVMs, a second driver JVM or a cluster, or read the full MNIST, are tagged
 * {@code @Tag("integration")}. {@code mvn -B test} runs them all, as CI does; {@code mvn -B test
 * -DexcludedGroups=integration} runs the fast set alone.
 */
package io.dpnet.testing;
