package io.dpnet.bench;

import io.dpnet.data.BundledMnist;
import io.dpnet.data.DataBlock;
import io.dpnet.data.MnistData;
import io.dpnet.data.augment.AugmentSettings;
import io.dpnet.data.augment.Augmenter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * A PNG to look at: one row per digit class from the bundled MNIST subset, the original first, then affine-only
 * copies, elastic-only copies and copies with both (the defaults), to see that the distortions still look like
 * handwriting.
 *
 * <pre>java -cp target/test-classes:target/classes:CLASSPATH io.dpnet.bench.AugmentPreview [out.png] [seed]</pre>
 */
public final class AugmentPreview {
    private static final int ZOOM = 3;
    private static final int GAP = 4;
    private static final int AFFINE = 3;
    private static final int ELASTIC = 3;
    private static final int BOTH = 5;

    private AugmentPreview() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        File out = new File(args.length > 0 ? args[0] : "target/augment-preview.png");
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        MnistData mnist = BundledMnist.load();
        ImageIO.write(render(mnist.train(), mnist.rows(), mnist.cols(), seed), "png", out);
        System.out.println("wrote " + out.getAbsolutePath());
    }

    static BufferedImage render(DataBlock source, int rows, int cols, long seed) {
        AugmentSettings both = AugmentSettings.defaults().withOriginalsFirst(false);
        Augmenter[] augmenters = {
            new Augmenter(both.withElastic(0, 4), seed, source, rows, cols),
            new Augmenter(AugmentSettings.none().withElastic(34, 4).withElasticProbability(1), seed, source, rows,
                    cols),
            new Augmenter(both, seed, source, rows, cols),
        };
        int[] copies = {AFFINE, ELASTIC, BOTH};
        int columns = 1 + AFFINE + ELASTIC + BOTH;
        int cell = cols * ZOOM + GAP;
        // Two wider gaps split the groups: original | affine | elastic | both.
        BufferedImage image = new BufferedImage(columns * cell + 3 * GAP * 2, 10 * (rows * ZOOM + GAP),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(60, 60, 90));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        byte[] pixels = new byte[rows * cols];
        for (int digit = 0; digit < 10; digit++) {
            int index = firstOf(source, digit);
            int y = digit * (rows * ZOOM + GAP);
            source.copyPixels(index, pixels, 0);
            draw(image, pixels, rows, cols, 0, y);
            int x = cell + 2 * GAP;
            for (int group = 0; group < augmenters.length; group++) {
                for (int copy = 0; copy < copies[group]; copy++) {
                    // Copy k of source image s is generated sample s + k * sourceCount: the cyclic source order.
                    augmenters[group].augment(index + (long) (copy + 1) * source.size(), pixels, 0);
                    draw(image, pixels, rows, cols, x, y);
                    x += cell;
                }
                x += 2 * GAP;
            }
        }
        g.dispose();
        return image;
    }

    private static int firstOf(DataBlock block, int label) {
        for (int i = 0; i < block.size(); i++) {
            if (block.label(i) == label) {
                return i;
            }
        }
        throw new IllegalArgumentException("no digit " + label);
    }

    private static void draw(BufferedImage image, byte[] pixels, int rows, int cols, int left, int top) {
        for (int r = 0; r < rows * ZOOM; r++) {
            for (int c = 0; c < cols * ZOOM; c++) {
                int v = pixels[(r / ZOOM) * cols + c / ZOOM] & 0xff;
                image.setRGB(left + c, top + r, v << 16 | v << 8 | v);
            }
        }
    }
}
