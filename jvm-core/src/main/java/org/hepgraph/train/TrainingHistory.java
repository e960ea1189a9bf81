package org.hepgraph.train;

import java.util.List;

/**
 * What a training run did: the mean training and validation loss of each epoch, the epoch whose
 * weights were kept (lowest validation loss) and whether training stopped early.
 */
public record TrainingHistory(
        List<Double> trainLoss,
        List<Double> validationLoss,
        int bestEpoch,
        boolean stoppedEarly,
        long steps) {

    public TrainingHistory {
        trainLoss = List.copyOf(trainLoss);
        validationLoss = List.copyOf(validationLoss);
    }

    public int epochs() {
        return trainLoss.size();
    }
}
