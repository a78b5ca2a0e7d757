package io.dpnet.config;

import io.dpnet.nn.NetworkSpec;
import io.dpnet.train.TrainingConfig;

/** A network and how to train it, as a config file declares them. */
public record Recipe(NetworkSpec network, TrainingConfig training) {

    public Recipe withTraining(TrainingConfig newTraining) {
        return new Recipe(network, newTraining);
    }
}
