package org.hepgraph.detectors.gin;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.HepgraphException.ModelFormatException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.DetectorChecks;
import org.hepgraph.detectors.DetectorConfig;
import org.hepgraph.models.FeatureStats;
import org.hepgraph.models.GraphAnomalyModel;
import org.hepgraph.train.BatchSource;
import org.hepgraph.train.GraphScorer;
import org.hepgraph.train.Objective;
import org.hepgraph.train.ParameterGroup;
import org.hepgraph.train.TrainingConfig;
import org.hepgraph.train.TrainingHistory;
import org.hepgraph.train.TrainingListener;
import org.hepgraph.train.TrainingLoop;

/**
 * A detector around one {@link GraphAnomalyModel} whose score is its per-graph training loss
 * evaluated without training behaviour (OCGIN, the graph autoencoder, GLocalKD).
 *
 * <p>{@link #fit} builds the model for the graphs' feature width, initialises it from the training
 * seed, standardises features with the training split's statistics, lets the model prepare ({@link
 * GraphAnomalyModel#beforeTraining}, e.g. OCGIN's centre), and trains every trainable parameter
 * with one Adam through {@link TrainingLoop} (parameters that do not require gradients, such as a
 * frozen teacher, are left out). Scores are computed in batches of {@value #SCORE_BATCH}. Public so
 * that a kind in another package whose model is a {@link GraphAnomalyModel} reuses it.
 */
public final class GinDetector implements AnomalyDetector {

    /** Graphs per scoring batch (scores do not depend on it). */
    static final int SCORE_BATCH = 256;

    private final DetectorConfig config;
    private final TrainingConfig training;
    private final IntFunction<GraphAnomalyModel> architecture;
    private final Device device;
    private NDManager manager;
    private GraphAnomalyModel model;
    private ParameterStore ps;

    /**
     * @param architecture builds the (uninitialised) model for a feature width
     */
    public GinDetector(
            DetectorConfig config,
            TrainingConfig training,
            IntFunction<GraphAnomalyModel> architecture,
            Device device) {
        this.config = config;
        this.training = training;
        this.architecture = architecture;
        this.device = device;
    }

    /** A fitted detector read from {@code weights} (DJL's parameter stream). */
    public static GinDetector load(
            DetectorConfig config,
            TrainingConfig training,
            IntFunction<GraphAnomalyModel> architecture,
            int inChannels,
            InputStream weights,
            Device device)
            throws IOException {
        GinDetector d = new GinDetector(config, training, architecture, device);
        d.build(inChannels);
        try {
            d.model.loadParameters(d.manager, new DataInputStream(weights));
        } catch (MalformedModelException | RuntimeException e) {
            d.close();
            throw new ModelFormatException(
                    config.kind()
                            + ": the weights do not match the saved config ("
                            + e.getMessage()
                            + ")",
                    e);
        } catch (IOException e) {
            d.close();
            throw e;
        }
        return d;
    }

    private void build(int inChannels) {
        close();
        manager = NDManager.newBaseManager(device);
        manager.setName("hepgraph-" + kind());
        Engine.getInstance().setRandomSeed((int) training.seed());
        model = architecture.apply(inChannels);
        model.initialize(manager);
        ps = new ParameterStore(manager, false);
    }

    @Override
    public String kind() {
        return config.kind();
    }

    @Override
    public DetectorConfig config() {
        return config;
    }

    /** The manager holding the weights (null before {@link #fit}); for tests of native memory. */
    NDManager manager() {
        return manager;
    }

    /** The model (null before {@link #fit}). */
    GraphAnomalyModel model() {
        return model;
    }

    @Override
    public TrainingHistory fit(List<Graph> normalGraphs, TrainingListener... listeners) {
        if (normalGraphs.isEmpty()) {
            throw new InvalidGraphException(kind() + ".fit: no training graphs; need at least 2");
        }
        build(normalGraphs.get(0).numFeatures());
        Objective<GraphBatch> objective =
                new Objective<>() {
                    @Override
                    public void beforeTraining(NDManager scope, List<Graph> train) {
                        FeatureStats stats = FeatureStats.of(train);
                        model.setFeatureScaling(stats.mean(), stats.std());
                        List<GraphBatch> batches = new ArrayList<>();
                        for (int from = 0; from < train.size(); from += training.batchSize()) {
                            int to = Math.min(train.size(), from + training.batchSize());
                            batches.add(GraphBatch.of(scope, train.subList(from, to)));
                        }
                        model.beforeTraining(ps, batches);
                    }

                    @Override
                    public NDArray lossPerGraph(GraphBatch batch, boolean train) {
                        return model.lossPerGraph(ps, batch, train);
                    }
                };
        return new TrainingLoop(training)
                .fit(
                        manager,
                        normalGraphs,
                        objective,
                        BatchSource.single(),
                        List.of(ParameterGroup.adamTrainable(kind(), model, training.lr())),
                        Arrays.asList(listeners));
    }

    @Override
    public float[] score(List<Graph> graphs) {
        requireFitted("score");
        DetectorChecks.checkFeatureWidth(kind() + ".score", graphs, model.inChannels());
        return GraphScorer.scoreAll(
                manager, b -> model.score(ps, b), graphs, SCORE_BATCH, kind() + ".score");
    }

    @Override
    public Map<String, String> savedConfig() {
        requireFitted("savedConfig");
        return DetectorChecks.savedConfig(config, model.inChannels());
    }

    @Override
    public void saveWeights(OutputStream out) throws IOException {
        requireFitted("saveWeights");
        DataOutputStream dos = new DataOutputStream(out);
        model.saveParameters(dos);
        dos.flush();
    }

    private void requireFitted(String what) {
        DetectorChecks.requireFitted(kind(), what, model != null);
    }

    @Override
    public void close() {
        if (manager != null) {
            manager.close();
            manager = null;
            model = null;
        }
    }

    @Override
    public String toString() {
        return kind() + config.toMap();
    }
}
