package io.dpnet.bench;

import io.dpnet.data.BundledMnist;
import io.dpnet.data.DataBlock;
import io.dpnet.data.IdxShards;
import io.dpnet.data.MnistData;
import io.dpnet.data.ShardInfo;
import io.dpnet.data.augment.AugmentSettings;
import io.dpnet.data.augment.Augmenter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/**
 * Images per second on one thread: affine only, elastic only, both (the defaults), and writing one gzip shard.
 *
 * <pre>java -cp target/test-classes:target/classes:CLASSPATH io.dpnet.bench.AugmentThroughput [seconds]</pre>
 */
public final class AugmentThroughput {
    private AugmentThroughput() {
    }

    public static void main(String[] args) throws IOException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        MnistData mnist = BundledMnist.load();
        DataBlock source = mnist.train();
        AugmentSettings defaults = AugmentSettings.defaults().withOriginalsFirst(false);
        measure("affine", new Augmenter(defaults.withElastic(0, 4), 1, source, 28, 28), seconds);
        measure("elastic", new Augmenter(AugmentSettings.none().withElastic(34, 4).withElasticProbability(1), 1,
                source, 28, 28), seconds);
        measure("affine+elastic", new Augmenter(defaults, 1, source, 28, 28), seconds);
        measure("affine+elastic sigma 6", new Augmenter(defaults.withElastic(34, 6), 1, source, 28, 28), seconds);

        Path dir = Files.createTempDirectory("dpnet-shard-bench");
        DataBlock block = new Augmenter(defaults, 1, source, 28, 28).generate(0, 50_000);
        Configuration conf = new Configuration();
        IdxShards.writeShard(dir.toUri().toString(), 0, block.slice(0, 5_000), 28, 28, conf); // warm-up
        long start = System.nanoTime();
        ShardInfo info = IdxShards.writeShard(dir.toUri().toString(), 1, block, 28, 28, conf);
        double s = (System.nanoTime() - start) * 1e-9;
        System.out.printf("write shard: %,.0f images/s (%,d images, %.1f MB gzip, %.0f bytes per image)%n",
                block.size() / s, block.size(), info.imagesBytes() / 1e6, (double) info.imagesBytes() / block.size());
        start = System.nanoTime();
        IdxShards.readShard(dir.toUri().toString(), 1, 0, conf);
        s = (System.nanoTime() - start) * 1e-9;
        System.out.printf("read shard: %,.0f images/s%n", block.size() / s);
    }

    private static void measure(String name, Augmenter augmenter, double seconds) {
        byte[] out = new byte[28 * 28];
        long index = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) { // warm-up: let the JIT compile the loops
            augmenter.augment(index++, out, 0);
        }
        long start = System.nanoTime();
        long count = 0;
        end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            for (int k = 0; k < 100; k++) {
                augmenter.augment(index++, out, 0);
            }
            count += 100;
        }
        double s = (System.nanoTime() - start) * 1e-9;
        System.out.printf("%-24s %,10.0f images/s%n", name, count / s);
    }
}
