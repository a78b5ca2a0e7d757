package io.dpnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.NetworkBuilder;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.Precision;
import io.dpnet.nn.init.Initializer;
import io.dpnet.nn.loss.Loss;
import io.dpnet.nn.optim.SgdSpec;
import io.dpnet.train.BatchPlan;
import io.dpnet.train.ShardAveraging;
import io.dpnet.train.ShardEvaluation;
import io.dpnet.train.ShardGradient;
import io.dpnet.train.StepSums;
import io.dpnet.train.StreamedSamples;
import java.nio.ByteBuffer;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/**
 * SparkDefaults makes Kryo the serializer: whatever Spark may serialize with it (cached shards when they spill,
 * broadcasts, task results) must come back intact.
 */
class KryoRoundTripTest {
    private final SerializerInstance kryo =
            new KryoSerializer(SparkDefaults.apply(new SparkConf())).newInstance();

    @SuppressWarnings("unchecked")
    private <T> T roundTrip(T value) {
        ByteBuffer bytes = kryo.serialize(value, ClassTag$.MODULE$.apply(Object.class));
        return (T) kryo.deserialize(bytes, ClassTag$.MODULE$.apply(Object.class));
    }

    @Test
    void shardsAndSumsSurviveKryo() {
        NetworkSpec spec = NetworkBuilder.input(3).dense(4).relu().dense(2).softmax()
                .loss(Loss.SOFTMAX_CROSS_ENTROPY);
        DataBlock block = DataBlock.ofPixels(new byte[] {1, 2, 3, 4, 5, (byte) 250}, 3, new int[] {0, 1});
        ShardGradient shard = ShardGradient.of(block, spec, new BatchPlan(2, 2, 7), Precision.FLOAT32);
        ShardGradient copy = roundTrip(shard);
        double[] params = spec.initialParams(Initializer.XAVIER, 1);
        StepSums expected = shard.sums(params, 0, 0);
        StepSums actual = copy.sums(params, 0, 0);
        assertArrayEquals(expected.vector, actual.vector, 0.0);
        assertEquals(expected.loss, actual.loss, 0.0);
        assertEquals(spec.toString(), copy.spec().toString());

        // The other shards a partition may cache: for model averaging, and for evaluation.
        ShardAveraging averaging = new ShardAveraging(ShardGradient.of(block, spec, new BatchPlan(2, 2, 7),
                Precision.FLOAT32));
        assertArrayEquals(averaging.round(params, SgdSpec.PLAIN, 0, 0, new double[] {0.1}).vector,
                roundTrip(averaging).round(params, SgdSpec.PLAIN, 0, 0, new double[] {0.1}).vector, 0.0);
        ShardEvaluation evaluation = new ShardEvaluation(block, spec, Precision.FLOAT32);
        assertEquals(evaluation.evaluate(params).loss(), roundTrip(evaluation).evaluate(params).loss(), 0.0);

        // A streamed shard, as cached: what it needs to open its files travels too.
        ShardGradient streamed = ShardGradient.streamed(new StreamedSamples(new long[] {5, 7, 9}, 1, 3, 4, 2,
                new BatchPlan(21, 4, 7), new ShardSets.ShardOpener("/data/set"), "/data/set"), spec,
                new BatchPlan(21, 4, 7), Precision.FLOAT32);
        assertEquals(16, roundTrip(streamed).size());

        StepSums sum = roundTrip(expected);
        assertArrayEquals(expected.vector, sum.vector, 0.0);
        assertEquals(2, sum.count);
    }
}
