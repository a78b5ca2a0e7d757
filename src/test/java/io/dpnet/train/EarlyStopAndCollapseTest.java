package io.dpnet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpnet.data.DataBlock;
import io.dpnet.nn.NetworkBuilder;
import io.dpnet.nn.NetworkSpec;
import io.dpnet.nn.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EarlyStopAndCollapseTest {
    private static final NetworkSpec SPEC = NetworkBuilder.input(4).dense(3).softmax()
            .loss(Loss.SOFTMAX_CROSS_ENTROPY);
    private static final TrainingConfig CONFIG = TrainingConfig.builder().batchSize(32).epochs(8).seed(1)
            .sgd(0.1, 0, false, 0).build();
    private static final DataBlock DATA = Blobs.of();

    /** The weights after {@code epochs} epochs, with {@code trainer} (built for CONFIG) doing the training. */
    private static double[] train(Trainer trainer, List<EpochReport> reports) {
        BatchPlan plan = CONFIG.plan(DATA.size());
        double[] params = SPEC.initialParams(CONFIG.initializer(), CONFIG.seed());
        reports.addAll(trainer.fit(TrainingState.start(params), new LocalGradients(DATA, SPEC, CONFIG.precision(),
                plan, 2), plan, null));
        return params;
    }

    /** A validation set whose loss after epoch k is {@code losses[k - 1]}, whatever the weights. */
    private static Function<double[], Evaluation> scripted(double... losses) {
        int[] epoch = {0};
        return params -> {
            Evaluation e = new Evaluation(3);
            e.record(0, 0);
            e.addLoss(losses[epoch[0]++]);
            return e;
        };
    }

    @Test
    void earlyStoppingEndsAfterPatienceEpochsAndKeepsTheBestEpochsWeights() {
        List<EpochReport> three = new ArrayList<>();
        double[] afterThree = train(new Trainer(SPEC, CONFIG.toBuilder().epochs(3).build()), three);

        List<EpochReport> reports = new ArrayList<>();
        List<TrainingState> checkpoints = new ArrayList<>();
        Trainer early = new Trainer(SPEC, CONFIG).validation(scripted(0.9, 0.8, 0.5, 0.6, 0.5, 0.7, 0.1, 0.1), 3)
                .checkpoints(new Checkpoints(100, 0, checkpoints::add));
        double[] kept = train(early, reports);
        assertEquals(6, reports.size(), "epochs 4, 5 and 6 do not beat epoch 3's 0.5 (a tie is no better)");
        assertEquals(3, early.bestEpoch());
        assertArrayEquals(afterThree, kept, "the best epoch's weights");
        assertEquals(0.6, reports.get(3).validationLoss());
        assertEquals(1.0, reports.get(3).validationAccuracy());
        assertEquals(1, checkpoints.size(), "a checkpoint where the run stopped, to resume from");
        assertEquals(6, checkpoints.get(0).epochsDone());

        List<EpochReport> watched = new ArrayList<>();
        Trainer noPatience = new Trainer(SPEC, CONFIG).validation(scripted(5, 4, 3, 6, 7, 8, 9, 9.5), 0);
        train(noPatience, watched);
        assertEquals(8, watched.size(), "patience 0: validation figures only");
        assertEquals(0, noPatience.bestEpoch());
    }

    private static EpochReport epoch(int epoch, double trainAccuracy) {
        return new EpochReport(epoch, 10, 1, trainAccuracy, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 100, 1,
                1, 1, 1, 1);
    }

    @Test
    void accuracyBackAtChanceAfterHavingLearntIsACollapse() {
        CollapseGuard tenClasses = new CollapseGuard(10);
        tenClasses.check(epoch(1, 0.30), 10);
        tenClasses.check(epoch(2, 0.80), 20);
        DivergenceException collapse = assertThrows(DivergenceException.class,
                () -> tenClasses.check(epoch(3, 0.11), 30));
        assertEquals(30, collapse.step());
        assertTrue(collapse.getMessage().startsWith("training accuracy fell to 11.00% in epoch 3 (chance is 10.00%) "
                + "after 80.00% in epoch 2: training collapsed"), collapse.getMessage());

        CollapseGuard neverLearnt = new CollapseGuard(10);
        for (double a : new double[] {0.3, 0.5, 0.1, 0.12}) {
            neverLearnt.check(epoch(1, a), 1); // never more than half way from chance: a slow start, not a collapse
        }
        assertTrue(CollapseGuard.neverLearnt(epoch(4, 0.11), 10).startsWith("training accuracy ended at 11.00%, "
                + "about chance (10.00%): the network did not learn"));
        assertEquals(null, CollapseGuard.neverLearnt(epoch(4, 0.5), 10));
        assertEquals(null, CollapseGuard.neverLearnt(epoch(4, 0.7), 2));
        assertTrue(CollapseGuard.neverLearnt(epoch(4, 0.52), 2) != null);
        CollapseGuard binary = new CollapseGuard(2);
        binary.check(epoch(1, 0.9), 1);
        binary.check(epoch(2, 0.7), 2); // worse, but not back at chance
        assertThrows(DivergenceException.class, () -> binary.check(epoch(3, 0.52), 3));
    }
}
