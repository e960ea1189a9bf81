package org.hepgraph.train;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * Parameters that {@link TrainingLoop} updates with one optimiser at one base learning rate. Give
 * several groups to train parts of a model differently (e.g. an encoder and a projection head);
 * parameters in no group are never updated (a frozen teacher).
 *
 * <p>The loop builds each group's optimiser once per run, handing it the learning-rate tracker of
 * the run (the cosine decay of {@link TrainingConfig#cosine()} from {@code learningRate}, or a
 * constant rate).
 *
 * @param name names the group in error messages
 * @param parameters what the group updates (each must require gradients)
 * @param learningRate the group's base learning rate, &gt; 0
 * @param optimizer builds the group's optimiser from the run's learning-rate tracker
 */
public record ParameterGroup(
        String name, List<Parameter> parameters, float learningRate, OptimizerFactory optimizer) {

    public ParameterGroup {
        parameters = List.copyOf(parameters);
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new InvalidArgumentException(
                    "ParameterGroup '" + name + "': learningRate must be > 0, got " + learningRate);
        }
    }

    /** Adam (DJL's defaults: β = 0.9 / 0.999, ε = 1e-8) at {@code learningRate}. */
    public static ParameterGroup adam(String name, List<Parameter> parameters, float learningRate) {
        return new ParameterGroup(
                name,
                parameters,
                learningRate,
                lr -> Adam.builder().optLearningRateTracker(lr).build());
    }

    /**
     * Adam at {@code learningRate} over every parameter of {@code block} that requires gradients (a
     * frozen part, such as a teacher, is left out).
     */
    public static ParameterGroup adamTrainable(String name, Block block, float learningRate) {
        List<Parameter> trainable = new ArrayList<>();
        for (var p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                trainable.add(p.getValue());
            }
        }
        return adam(name, trainable, learningRate);
    }

    /** Makes a group's optimiser for a run. */
    @FunctionalInterface
    public interface OptimizerFactory {
        Optimizer create(Tracker learningRate);
    }
}
