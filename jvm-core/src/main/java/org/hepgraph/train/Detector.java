package org.hepgraph.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.models.GraphAnomalyModel;
import org.hepgraph.models.ModelConfig;

/**
 * A model together with the native memory that holds its weights: create it, {@link Trainer#fit}
 * it, {@link #score} graphs, save it with {@link org.hepgraph.models.ModelIO}, and close it.
 *
 * <p>Every batch it scores lives in its own sub-manager, freed before the next one is built.
 */
public final class Detector implements AutoCloseable {

    private final NDManager manager;
    private final GraphAnomalyModel model;
    private final ParameterStore parameterStore;

    private Detector(NDManager manager, GraphAnomalyModel model) {
        this.manager = manager;
        this.model = model;
        this.parameterStore = new ParameterStore(manager, false);
    }

    /**
     * Builds the model of {@code config} on {@code device} and initialises its weights from {@code
     * config.seed()}: the same config gives the same initial weights.
     */
    public static Detector create(ModelConfig config, Device device) {
        NDManager manager = NDManager.newBaseManager(device);
        manager.setName("hepgraph-" + config.kind());
        Engine.getInstance().setRandomSeed((int) config.seed());
        GraphAnomalyModel model = config.build();
        model.initialize(manager);
        return new Detector(manager, model);
    }

    /** Wraps an already initialised model whose weights live in {@code manager}. */
    public static Detector wrap(NDManager manager, GraphAnomalyModel model) {
        return new Detector(manager, model);
    }

    /**
     * One anomaly score per graph (higher = more anomalous), in batches of {@code batchSize}. Every
     * graph is validated first; a bad one is named by its index.
     */
    public float[] score(List<Graph> graphs, int batchSize) {
        return score(graphs, batchSize, ProgressBar.silent());
    }

    /** As {@link #score(List, int)}, reporting progress. */
    public float[] score(List<Graph> graphs, int batchSize, ProgressBar progress) {
        if (graphs.isEmpty()) {
            throw new InvalidGraphException("Detector.score: no graphs to score");
        }
        for (int i = 0; i < graphs.size(); i++) {
            graphs.get(i).validate("Detector.score: graph " + i);
        }
        float[] scores = new float[graphs.size()];
        for (int from = 0; from < graphs.size(); from += batchSize) {
            int to = Math.min(graphs.size(), from + batchSize);
            try (NDManager scope = manager.newSubManager()) {
                GraphBatch batch = GraphBatch.of(scope, graphs.subList(from, to));
                float[] s = model.score(parameterStore, batch).toFloatArray();
                System.arraycopy(s, 0, scores, from, s.length);
            }
            progress.update(to, "scored");
        }
        return scores;
    }

    public GraphAnomalyModel model() {
        return model;
    }

    public ModelConfig config() {
        return model.config();
    }

    public NDManager manager() {
        return manager;
    }

    ParameterStore parameterStore() {
        return parameterStore;
    }

    public Device device() {
        return manager.getDevice();
    }

    @Override
    public void close() {
        manager.close();
    }
}
