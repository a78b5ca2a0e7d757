package io.dpnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.data.DataBlock;
import io.dpnet.data.FeatureStats;
import io.dpnet.nn.NetworkBuilder;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.layer.Scale;
import io.dpnet.nn.loss.Loss;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingTest {
    private static final NetworkSpec THREE_CLASSES = NetworkBuilder.input(2).dense(3).softmax()
            .loss(Loss.SOFTMAX_CROSS_ENTROPY);

    /** Two features, one sample per row: {feature 0, feature 1}, labels 0, 1, 2, 0. */
    private static FeatureStats stats(double... rows) {
        return FeatureStats.of(DataBlock.ofFeatures(rows, 2, new int[] {0, 1, 2, 0}));
    }

    private static double apply(Scale s, int feature, double x) {
        return (x - s.shift(feature)) * s.factor(feature);
    }

    @Test
    void namesReadBackAsWritten() {
        for (String name : List.of("none", "auto", "unit-range", "unit-range:255", "unit-range:0.5", "min-max",
                "standardize")) {
            assertEquals(name, Scaling.parse(name).toString());
        }
        assertEquals(Scaling.parse("unit-range:255"), Scaling.parse(" Unit-Range:255.0 "));
        for (String bad : List.of("minmax", "unit-range:0", "unit-range:-3", "unit-range:x", "standardize:2", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scaling.parse(bad));
            assertTrue(e.getMessage().startsWith("invalid scaling '" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void eachMethodMapsTheTrainingDataAsDocumented() {
        FeatureStats s = stats(0, 10, 255, 20, 51, 30, 102, 40);
        Scale unit = Scaling.parse("unit-range").fit(s, "data");
        assertEquals(1.0, apply(unit, 0, 255), 1e-15);
        assertEquals(40 / 255.0, apply(unit, 1, 40), 1e-15, "one divisor for all features");
        assertEquals(0.5, apply(Scaling.parse("unit-range:510").fit(s, "data"), 0, 255), 1e-15);
        Scale minMax = Scaling.parse("min-max").fit(s, "data");
        assertEquals(0, apply(minMax, 1, 10), 1e-15);
        assertEquals(1, apply(minMax, 1, 40), 1e-15);
        assertEquals(1, apply(minMax, 0, 255), 1e-15);
        Scale standard = Scaling.parse("standardize").fit(s, "data");
        assertEquals(0, apply(standard, 1, 25), 1e-12, "the mean goes to 0");
        assertEquals(1, apply(standard, 1, 25 + Math.sqrt(125)), 1e-12, "one deviation goes to 1");
        assertNull(Scaling.NONE.fit(s, "data"));
    }

    @Test
    void aConstantFeatureKeepsAFactorOfOne() {
        FeatureStats s = stats(3, 1, 3, 2, 3, 5, 3, 9);
        for (String method : List.of("min-max", "standardize")) {
            Scale fitted = Scaling.parse(method).fit(s, "data");
            assertEquals(1, fitted.factor(0), method);
            assertEquals(0, apply(fitted, 0, 3), 1e-15, method);
        }
    }

    @Test
    void autoLeavesUnitDataAloneDividesPixelsAndStandardizesUnrelatedColumns() {
        assertNull(Scaling.AUTO.fit(stats(0, 0.5, 1, -1, 0.25, 0, 0.75, 1), "data"));
        Scale pixels = Scaling.AUTO.fit(stats(0, 0, 255, 3, 17, 250, 0, 9), "data");
        assertEquals("unit-range", pixels.method());
        assertEquals(1 / 255.0, pixels.factor(0), 1e-18);
        Scale table = Scaling.AUTO.fit(stats(0.1, 20_000, 0.9, 85_000, 0.5, 40_000, 0.3, 61_000), "data");
        assertEquals("standardize", table.method());
        assertTrue(table.perFeature());
    }

    @Test
    void aScalingThatDoesNotFitTheDataIsRefused() {
        FeatureStats s = stats(0, 10, 255, 20, 51, 30, 102, 40);
        IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class,
                () -> Scaling.parse("unit-range:100").fit(s, "raw.csv"));
        assertEquals("raw.csv: features reach 255, beyond the scaling's maximum of 100: give a larger one, or "
                + "unit-range alone to take the data's", beyond.getMessage());
        FeatureStats zeros = stats(0, 0, 0, 0, 0, 0, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> Scaling.parse("unit-range").fit(zeros, "zeros.csv"));
    }

    @Test
    void theSummaryWarnsRefusesAndKeepsAFittedScaling() {
        FeatureStats raw = stats(0, 10, 255, 20, 51, 30, 102, 40);
        DataSummary none = DataSummary.of("raw.csv", raw, THREE_CLASSES, Scaling.NONE);
        assertNull(none.scale());
        assertEquals(1, none.warnings().size());
        assertTrue(none.warnings().get(0).startsWith("features reach 255, far from unit scale"), none.warnings()
                .toString());
        DataSummary auto = DataSummary.of("raw.csv", raw, THREE_CLASSES, Scaling.AUTO);
        assertEquals(List.of(), auto.warnings());
        assertEquals("unit-range, x / 255 (auto)", auto.scalingDescription());
        Scale earlier = Scale.uniform("unit-range", 0, 0.5);
        DataSummary resumed = DataSummary.of("raw.csv", raw, THREE_CLASSES.withScaling(earlier), Scaling.AUTO);
        assertEquals(earlier, resumed.scale(), "a network's own scaling is kept, not refitted");

        NetworkSpec fourClasses = NetworkBuilder.input(2).dense(4).softmax().loss(Loss.SOFTMAX_CROSS_ENTROPY);
        DataSummary lacking = DataSummary.of("raw.csv", raw, fourClasses, Scaling.AUTO);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, lacking::requireEveryClass);
        assertTrue(missing.getMessage().startsWith("raw.csv: no sample of class 3 of the network's 4"),
                missing.getMessage());
        NetworkSpec twoClasses = NetworkBuilder.input(2).dense(2).softmax().loss(Loss.SOFTMAX_CROSS_ENTROPY);
        assertThrows(IllegalArgumentException.class, () -> DataSummary.of("raw.csv", raw, twoClasses, Scaling.AUTO));
    }
}
