package io.dpnet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.NetworkBuilder;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A listener that asks to stop ends training after that epoch, with a checkpoint of where it stopped. */
class TrainerStopTest {

    @Test
    void aListenerEndsTrainingAfterTheEpochItStopsAt() {
        NetworkSpec spec = NetworkBuilder.input(4).dense(3).softmax().loss(Loss.SOFTMAX_CROSS_ENTROPY);
        DataBlock data = Blobs.of();
        TrainingConfig config = TrainingConfig.builder().batchSize(32).epochs(5).seed(1).sgd(0.1, 0, false, 0).build();
        BatchPlan plan = config.plan(data.size());

        double[] twoEpochs = spec.initialParams(config.initializer(), config.seed());
        new Trainer(spec, config.toBuilder().epochs(2).build())
                .fit(TrainingState.start(twoEpochs), new LocalGradients(data, spec, config.precision(), plan, 2), plan,
                        null);

        double[] stopped = spec.initialParams(config.initializer(), config.seed());
        List<TrainingState> checkpoints = new ArrayList<>();
        TrainingListener stopAtTwo = new TrainingListener() {
            @Override
            public void onEpoch(EpochReport report) {
            }

            @Override
            public boolean stopAfter(EpochReport report) {
                return report.epoch() == 2;
            }
        };
        List<EpochReport> reports = new Trainer(spec, config).listener(stopAtTwo)
                .checkpoints(new Checkpoints(10, 0, checkpoints::add))
                .fit(TrainingState.start(stopped), new LocalGradients(data, spec, config.precision(), plan, 2), plan,
                        null);
        assertEquals(2, reports.size());
        assertArrayEquals(twoEpochs, stopped);
        assertEquals(1, checkpoints.size());
        assertEquals(2, checkpoints.get(0).epochsDone());
        assertArrayEquals(stopped, checkpoints.get(0).params());
    }
}
