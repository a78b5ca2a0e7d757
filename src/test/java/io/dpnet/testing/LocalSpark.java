package io.dpnet.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A local Spark session for the annotated test class, started before its {@code @BeforeAll} methods and stopped
 * after its {@code @AfterAll} methods; see {@link LocalSparkExtension}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalSparkExtension.class)
public @interface LocalSpark {
    /** The {@code N} of {@code local[N]}. */
    int threads() default 2;
}
