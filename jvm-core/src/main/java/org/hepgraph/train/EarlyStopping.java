package org.hepgraph.train;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops a run after {@code patience} epochs without a lower validation loss and, at the end of
 * every run (stopped or not), puts back the weights of the epoch with the lowest validation loss.
 * {@link TrainingLoop} installs one with {@link TrainingConfig#patience()}.
 */
public final class EarlyStopping implements TrainingListener {

    private final int patience;
    private TrainingState state;
    private double best;
    private int bestEpoch;
    private List<float[]> bestWeights;

    /**
     * @param patience epochs without improvement before stopping, ≥ 1
     */
    public EarlyStopping(int patience) {
        this.patience = patience;
    }

    @Override
    public void onTrainingStart(TrainingState state) {
        this.state = state;
        best = Double.POSITIVE_INFINITY;
        bestEpoch = -1;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(int epoch, double trainLoss, double validationLoss) {
        if (validationLoss < best) {
            best = validationLoss;
            bestEpoch = epoch;
            bestWeights = snapshot(state.parameters());
        }
        if (epoch - bestEpoch >= patience) {
            state.requestStop();
        }
    }

    @Override
    public void onTrainingEnd() {
        if (bestWeights == null) {
            return;
        }
        List<Parameter> params = state.parameters();
        for (int i = 0; i < params.size(); i++) {
            params.get(i).getArray().set(bestWeights.get(i));
        }
    }

    private static List<float[]> snapshot(List<Parameter> params) {
        List<float[]> out = new ArrayList<>(params.size());
        for (Parameter p : params) {
            out.add(p.getArray().toFloatArray());
        }
        return out;
    }
}
