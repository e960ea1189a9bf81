package org.hepgraph.detectors.glocalkd;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.HepgraphException.ModelFormatException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.DetectorConfig;
import org.hepgraph.models.FeatureStats;
import org.hepgraph.train.BatchSource;
import org.hepgraph.train.GraphScorer;
import org.hepgraph.train.Objective;
import org.hepgraph.train.ParameterGroup;
import org.hepgraph.train.TrainingHistory;
import org.hepgraph.train.TrainingListener;
import org.hepgraph.train.TrainingLoop;

/**
 * The {@code glocalkd} detector: a {@link GLocalKD} teacher–student pair whose per-graph
 * distillation error is both the training loss and the anomaly score.
 *
 * <p>{@link #fit} builds both networks for the graphs' feature width, initialises them from the
 * training seed, standardises features with the training split's statistics and trains the student
 * alone through {@link TrainingLoop}: the student's parameters form the only {@link
 * ParameterGroup}, the teacher's are frozen and in no group. Scores are computed in batches of
 * {@value #SCORE_BATCH}.
 */
final class GLocalKDDetector implements AnomalyDetector {

    /** Graphs per scoring batch (scores do not depend on it). */
    static final int SCORE_BATCH = 256;

    private final GLocalKDConfig config;
    private final Device device;
    private NDManager manager;
    private GLocalKD model;
    private ParameterStore ps;
    private boolean fitted;

    GLocalKDDetector(GLocalKDConfig config, Device device) {
        this.config = config;
        this.device = device;
    }

    /** A fitted detector read from {@code weights} (DJL's parameter stream). */
    static GLocalKDDetector load(
            GLocalKDConfig config, int inChannels, InputStream weights, Device device)
            throws IOException {
        GLocalKDDetector d = new GLocalKDDetector(config, device);
        d.build(inChannels);
        try {
            d.model.loadParameters(d.manager, new DataInputStream(weights));
        } catch (MalformedModelException | RuntimeException e) {
            d.close();
            throw new ModelFormatException(
                    "glocalkd: the weights do not match the saved config (" + e.getMessage() + ")",
                    e);
        } catch (IOException e) {
            d.close();
            throw e;
        }
        d.fitted = true;
        return d;
    }

    private void build(int inChannels) {
        close();
        manager = NDManager.newBaseManager(device);
        manager.setName("hepgraph-" + kind());
        Engine.getInstance().setRandomSeed((int) config.training().seed());
        model =
                new GLocalKD(
                        inChannels,
                        config.hidden(),
                        config.layers(),
                        config.aggregation(),
                        config.pooling(),
                        config.nodeWeight());
        model.initialize(manager);
        ps = new ParameterStore(manager, false);
    }

    @Override
    public String kind() {
        return GLocalKDFactory.KIND;
    }

    @Override
    public DetectorConfig config() {
        return config;
    }

    /** The teacher–student pair (null before {@link #fit}). */
    GLocalKD model() {
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
                        model.scaling().set(FeatureStats.of(train));
                    }

                    @Override
                    public NDArray lossPerGraph(GraphBatch batch, boolean training) {
                        return model.error(ps, batch, training);
                    }
                };
        List<Parameter> student =
                model.student().getParameters().values().stream()
                        .filter(Parameter::requiresGradient)
                        .toList();
        TrainingHistory history =
                new TrainingLoop(config.training())
                        .fit(
                                manager,
                                normalGraphs,
                                objective,
                                BatchSource.single(),
                                List.of(
                                        ParameterGroup.adam(
                                                "student", student, config.training().lr())),
                                Arrays.asList(listeners));
        fitted = true;
        return history;
    }

    @Override
    public float[] score(List<Graph> graphs) {
        requireFitted("score");
        for (int i = 0; i < graphs.size(); i++) {
            if (graphs.get(i).numFeatures() != model.inChannels()) {
                throw new InvalidGraphException(
                        kind()
                                + ".score: graph "
                                + i
                                + " has "
                                + graphs.get(i).numFeatures()
                                + " node features but the detector was fitted on "
                                + model.inChannels()
                                + "; build the graphs the way the training graphs were built");
            }
        }
        return GraphScorer.scoreAll(
                manager, b -> model.error(ps, b, false), graphs, SCORE_BATCH, kind() + ".score");
    }

    @Override
    public Map<String, String> savedConfig() {
        requireFitted("savedConfig");
        Map<String, String> m = new LinkedHashMap<>(config.toMap());
        m.put("inChannels", Integer.toString(model.inChannels()));
        return m;
    }

    @Override
    public void saveWeights(OutputStream out) throws IOException {
        requireFitted("saveWeights");
        DataOutputStream dos = new DataOutputStream(out);
        model.saveParameters(dos);
        dos.flush();
    }

    private void requireFitted(String what) {
        if (!fitted) {
            throw new InvalidGraphException(
                    kind() + "." + what + ": the detector is not fitted; call fit(graphs) first");
        }
    }

    @Override
    public void close() {
        if (manager != null) {
            manager.close();
            manager = null;
            model = null;
            fitted = false;
        }
    }

    @Override
    public String toString() {
        return kind() + config.toMap();
    }
}
