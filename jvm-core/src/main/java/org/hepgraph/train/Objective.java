package org.hepgraph.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.hepgraph.data.Graph;

/**
 * What one training step computes, for {@link TrainingLoop}: the forward pass of a batch and its
 * per-graph loss. The loop minimises the mean of that loss and knows nothing else of the model.
 *
 * <p>The objective holds its own {@code ParameterStore} and blocks. What it trains is given to the
 * loop separately as {@link ParameterGroup}s, so that parts of the model can stay frozen (a teacher
 * network: its parameters are simply in no group and marked as not requiring gradients) or be
 * updated by different optimisers.
 *
 * <p>Scoring is separate ({@link GraphScorer}); by default a detector scores with the loss
 * evaluated without training behaviour, but it need not.
 *
 * @param <B> what a {@link BatchSource} yields for one step (a {@code GraphBatch}, two {@link
 *     Views}, a pair, ...)
 */
public interface Objective<B> {

    /**
     * Called once before the first epoch with the graphs that will be trained on (the validation
     * split already removed), e.g. to fix feature scaling or OCGIN's hypersphere centre. Arrays
     * made here should live in {@code scope}, which is closed afterwards.
     */
    default void beforeTraining(NDManager scope, List<Graph> trainingGraphs) {}

    /**
     * The loss of each graph of {@code batch}, shape {@code [B]} (any length: the loop takes its
     * mean). With {@code training} true, gradients are being recorded.
     */
    NDArray lossPerGraph(B batch, boolean training);
}
