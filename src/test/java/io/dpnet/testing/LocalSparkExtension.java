package io.dpnet.testing;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * One SparkSession per test class, on {@link SparkTestConf#local} with the threads of the class's {@link LocalSpark}
 * annotation (2 without one), and {@code SparkSession} and {@code JavaSparkContext} parameters for the class's
 * {@code @BeforeAll}, {@code @Test} and other methods:
 *
 * <pre>{@code
 * @LocalSpark(threads = 4)
 * class SomeTest {
 *     @Test
 *     void trains(JavaSparkContext sc) { ... }
 * }
 * }</pre>
 *
 * <p>Per class rather than per run: the command-line tests start a SparkContext of their own, and a JVM runs only one
 * at a time, so none may be left running between classes.
 */
public final class LocalSparkExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            LocalSparkExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        int threads = AnnotationSupport.findAnnotation(testClass, LocalSpark.class).map(LocalSpark::threads).orElse(2);
        SparkConf conf = SparkTestConf.local(testClass, threads);
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        context.getStore(NAMESPACE).put(SparkSession.class, spark);
        // getOrCreate quietly reuses a context that another class left running, whatever its master.
        if (!spark.sparkContext().master().equals(conf.get("spark.master"))) {
            throw new IllegalStateException("a Spark context on " + spark.sparkContext().master()
                    + " is still running; " + testClass.getSimpleName() + " needs " + conf.get("spark.master"));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        SparkSession spark = context.getStore(NAMESPACE).remove(SparkSession.class, SparkSession.class);
        try {
            if (spark != null) {
                spark.stop();
            }
        } finally {
            SparkSession.clearActiveSession();
            SparkSession.clearDefaultSession();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == SparkSession.class || type == JavaSparkContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // Method contexts see the class's store through their parent.
        SparkSession spark = context.getStore(NAMESPACE).get(SparkSession.class, SparkSession.class);
        if (spark == null) {
            throw new ParameterResolutionException("no Spark session: LocalSparkExtension starts it before all tests");
        }
        return parameter.getParameter().getType() == SparkSession.class ? spark
                : JavaSparkContext.fromSparkContext(spark.sparkContext());
    }
}
