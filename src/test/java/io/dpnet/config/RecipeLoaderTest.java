package io.dpnet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.nn.Shape;
import io.dpnet.nn.init.Initializer;
import io.dpnet.nn.loss.Loss;
import io.dpnet.nn.optim.AdamSpec;
import java.io.File;
import org.junit.jupiter.api.Test;

class RecipeLoaderTest {

    @Test
    void recipesInConfParse() {
        for (File f : new File("conf").listFiles((d, name) -> name.endsWith(".conf"))) {
            Recipe r = RecipeLoader.load(f);
            assertEquals(784, r.network().inputSize(), f.getName());
            assertEquals(10, r.network().numClasses(), f.getName());
        }
        Recipe mlp = RecipeLoader.load(new File("conf/mnist-mlp.conf"));
        assertEquals(784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10, mlp.network().paramCount());
    }

    @Test
    void theCnnRecipeDeclaresAnImageInput() {
        Recipe cnn = RecipeLoader.load(new File("conf/mnist-cnn.conf"));
        assertEquals(Shape.of(1, 28, 28), cnn.network().input());
        assertEquals("conv2d", cnn.network().layers().get(0).type());
        assertEquals("relu", cnn.network().layers().get(1).type(), "the activation shorthand on conv2d");
    }

    @Test
    void anMlpReadsAnImageInputAsAVector() {
        Recipe r = RecipeLoader.parse("network { input = [1, 28, 28] }");
        assertEquals(Shape.of(1, 28, 28), r.network().input());
        assertEquals(RecipeLoader.defaults().network().paramCount(), r.network().paramCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecipeLoader.parse(
                "network { input = [784], layers = [{ type = conv2d, filters = 4, kernel = 3 }, "
                        + "{ type = dense, units = 10 }] }"));
        assertTrue(e.getMessage().contains("layer 1 (conv2d) with input [784]: conv2d expects an image input"),
                e.getMessage());
    }

    @Test
    void aRecipeOverridesOnlyWhatItStates() {
        Recipe r = RecipeLoader.parse("""
                network {
                  input = [4]
                  layers = [{ type = dense, units = 3, activation = tanh }, { type = dense, units = 1 }]
                  loss = binary_cross_entropy
                }
                training { epochs = 7, optimizer { type = adam, learning-rate = 0.003 } }
                """);
        assertEquals(Loss.BINARY_CROSS_ENTROPY, r.network().loss());
        assertEquals(3, r.network().layers().size());
        assertEquals(7, r.training().epochs());
        assertEquals(AdamSpec.withWeightDecay(0.0005), r.training().optimizer(), "Adam's defaults, the recipe's decay");
        assertEquals(0.003, r.training().schedule().baseRate());
        Recipe defaults = RecipeLoader.defaults();
        assertEquals(defaults.training().batchSize(), r.training().batchSize());
        assertEquals(Initializer.HE, r.training().initializer());
    }

    @Test
    void errorsNameTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecipeLoader.parse("training { optimizer { type = rmsprop } }"));
        assertTrue(e.getMessage().contains("unknown optimizer 'rmsprop'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RecipeLoader.parse("training { optimizer { momentum = 1.5 } }"));
        assertTrue(e.getMessage().contains("momentum must be in [0, 1)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RecipeLoader.parse("network { layers = [{ type = dense }] }"));
        assertTrue(e.getMessage().contains("needs an integer 'units'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RecipeLoader.parse("training { epochs = ${nowhere} }"));
        assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RecipeLoader.parse("network { input = [784.5] }"));
        assertTrue(e.getMessage().contains("784.5 is not a whole number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RecipeLoader.load(new File("conf/absent.conf")));
        assertTrue(e.getMessage().contains("absent.conf does not exist"), e.getMessage());
    }
}
