package org.hepgraph.detectors.gin;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.detectors.DetectorConfig;
import org.hepgraph.detectors.ModelDetector;
import org.hepgraph.models.FeatureStats;
import org.hepgraph.models.GraphAnomalyModel;
import org.hepgraph.train.BatchSource;
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
 * frozen teacher, are left out). Scores are computed in batches of {@value
 * ModelDetector#SCORE_BATCH}. Public so that a kind in another package whose model is a {@link
 * GraphAnomalyModel} reuses it.
 */
public final class GinDetector extends ModelDetector<DetectorConfig, GraphAnomalyModel> {

    private final TrainingConfig training;
    private final IntFunction<GraphAnomalyModel> architecture;

    /**
     * @param architecture builds the (uninitialised) model for a feature width
     */
    public GinDetector(
            DetectorConfig config,
            TrainingConfig training,
            IntFunction<GraphAnomalyModel> architecture,
            Device device) {
        super(config, device);
        this.training = training;
        this.architecture = architecture;
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
        d.readWeights(inChannels, training.seed(), weights);
        return d;
    }

    @Override
    protected GraphAnomalyModel newModel(NDManager manager, int inChannels) {
        GraphAnomalyModel m = architecture.apply(inChannels);
        m.initialize(manager);
        return m;
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
        build(normalGraphs.get(0).numFeatures(), training.seed());
        Objective<GraphBatch> objective =
                new Objective<>() {
                    @Override
                    public void beforeTraining(NDManager scope, List<Graph> train) {
                        prepare(model, ps, scope, train, training.batchSize(), GraphBatch::of);
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

    /**
     * What {@link #fit} does before the first step, on the training graphs {@code train}: the
     * feature standardisation from their {@link FeatureStats}, then {@link
     * GraphAnomalyModel#beforeTraining} (OCGIN's centre) over batches of {@code batchSize} graphs
     * in order, built by {@code batches} in {@code scope}. Public for parity traces, which build
     * their batches in float64 too.
     */
    public static void prepare(
            GraphAnomalyModel model,
            ParameterStore ps,
            NDManager scope,
            List<Graph> train,
            int batchSize,
            BiFunction<NDManager, List<Graph>, GraphBatch> batches) {
        FeatureStats stats = FeatureStats.of(train);
        model.setFeatureScaling(stats.mean(), stats.std());
        List<GraphBatch> list = new ArrayList<>();
        for (int from = 0; from < train.size(); from += batchSize) {
            int to = Math.min(train.size(), from + batchSize);
            list.add(batches.apply(scope, train.subList(from, to)));
        }
        model.beforeTraining(ps, list);
    }

    @Override
    protected NDArray scoreBatch(GraphBatch batch) {
        return model.score(ps, batch);
    }
}
