package org.hepgraph.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Records each epoch's training and validation loss; {@link #history()} gives them as a {@link
 * TrainingHistory} with the best (lowest validation loss) epoch, whether a listener stopped the
 * run, and the steps taken. {@link TrainingLoop} always installs one.
 */
public final class MetricsLogger implements TrainingListener {

    private final List<Double> trainLoss = new ArrayList<>();
    private final List<Double> validationLoss = new ArrayList<>();
    private TrainingState state;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch = -1;

    @Override
    public void onTrainingStart(TrainingState state) {
        this.state = state;
        trainLoss.clear();
        validationLoss.clear();
        best = Double.POSITIVE_INFINITY;
        bestEpoch = -1;
    }

    @Override
    public void onEpochEnd(int epoch, double train, double validation) {
        trainLoss.add(train);
        validationLoss.add(validation);
        if (validation < best) {
            best = validation;
            bestEpoch = epoch;
        }
    }

    /** What has been recorded so far. */
    public TrainingHistory history() {
        return new TrainingHistory(
                trainLoss,
                validationLoss,
                bestEpoch,
                state != null && state.stopRequested(),
                state == null ? 0 : state.steps());
    }
}
