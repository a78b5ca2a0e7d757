package io.dpnet.data.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AugmentSettingsTest {

    @Test
    void defaultsAreTheDocumentedRanges() {
        AugmentSettings s = AugmentSettings.defaults();

        assertEquals(2, s.maxShift());
        assertEquals(15, s.maxRotationDegrees());
        assertEquals(0.9, s.minScale());
        assertEquals(1.1, s.maxScale());
        assertEquals(0.3, s.maxShear());
        assertEquals(34, s.elasticAlpha());
        assertEquals(4, s.elasticSigma());
        assertEquals(1, s.elasticProbability());
        assertTrue(s.originalsFirst());
        assertTrue(s.usesElastic());
    }

    @Test
    void withersChangeOneSettingAndLeaveTheOriginalAlone() {
        AugmentSettings base = AugmentSettings.defaults();
        AugmentSettings changed = base.withMaxShift(1).withScale(0.8, 1.2).withElastic(20, 5)
                .withElasticProbability(0.5).withMaxRotationDegrees(10).withMaxShear(0.1).withOriginalsFirst(false);

        assertEquals(2, base.maxShift());
        assertEquals(1, changed.maxShift());
        assertEquals(0.8, changed.minScale());
        assertEquals(1.2, changed.maxScale());
        assertEquals(20, changed.elasticAlpha());
        assertEquals(5, changed.elasticSigma());
        assertEquals(0.5, changed.elasticProbability());
        assertEquals(10, changed.maxRotationDegrees());
        assertEquals(0.1, changed.maxShear());
        assertFalse(changed.originalsFirst());
        assertNotEquals(base, changed);
        assertEquals(AugmentSettings.defaults(), base);
        assertFalse(AugmentSettings.none().usesElastic());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad(s -> s.withMaxShift(-1), "maxShift must be in [0.0, 100.0], got -1.0"),
                bad(s -> s.withMaxShift(Double.NaN), "maxShift must be in [0.0, 100.0], got NaN"),
                bad(s -> s.withMaxRotationDegrees(200), "maxRotationDegrees must be in [0.0, 180.0], got 200.0"),
                bad(s -> s.withScale(0, 1), "minScale must be in [0.1, 10.0], got 0.0"),
                bad(s -> s.withScale(1.2, 1.1), "minScale 1.2 is larger than maxScale 1.1"),
                bad(s -> s.withMaxShear(1.5), "maxShear must be in [0.0, 1.0], got 1.5"),
                bad(s -> s.withElastic(-3, 4), "elasticAlpha must be in [0.0, 1000.0], got -3.0"),
                bad(s -> s.withElastic(34, 0), "elasticSigma must be in [0.5, 50.0], got 0.0"),
                bad(s -> s.withElasticProbability(1.5), "elasticProbability must be in [0.0, 1.0], got 1.5"));
    }

    private static Arguments bad(Function<AugmentSettings, AugmentSettings> change, String message) {
        return Arguments.of(change, message);
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void rejectsBadValuesNamingThem(Function<AugmentSettings, AugmentSettings> change, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> change.apply(AugmentSettings.defaults()));

        assertEquals(message, e.getMessage());
    }
}
