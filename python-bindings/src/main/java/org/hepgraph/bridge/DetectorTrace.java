package org.hepgraph.bridge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.detectors.DetectorConfig;
import org.hepgraph.detectors.DetectorFactory;
import org.hepgraph.detectors.Detectors;
import org.hepgraph.detectors.gin.GinDetector;
import org.hepgraph.detectors.graphcl.GraphCL;
import org.hepgraph.detectors.graphcl.GraphCLConfig;
import org.hepgraph.detectors.graphcl.KnnDistance;
import org.hepgraph.io.exchange.TensorIpc;
import org.hepgraph.models.FeatureStats;
import org.hepgraph.models.GraphAnomalyModel;
import org.hepgraph.train.BatchSource.Views;
import org.hepgraph.train.Devices;
import org.hepgraph.train.GraphScorer;
import org.hepgraph.train.Objective;
import org.hepgraph.train.ParameterGroup;
import org.hepgraph.train.TrainingConfig;
import org.hepgraph.train.TrainingLoop;

/**
 * A detector's model driven step by step from Python, for parity traces against a PyG reference
 * implementation: the registry's model for the kind ({@link TracedKinds}), in float32 (as the
 * detectors train) or float64 (node features cast on entry), on the preferred device.
 *
 * <ol>
 *   <li>{@link #loadParameters}: every weight from tensor files (the initial weights Python drew);
 *   <li>{@link #prepare}: what the detector's {@code fit} does before its first step, on the
 *       training graphs ({@link GinDetector#prepare}: feature standardisation from {@link
 *       FeatureStats}, then OCGIN's centre over batches of {@code batchSize} in order; GraphCL: the
 *       standardisation);
 *   <li>{@link #train}: one {@link TrainingLoop#steps} step per slice of the given graphs, in order
 *       (no shuffling; GraphCL's two views come as two aligned graph lists, so no augmentation is
 *       drawn here), with the detector's objective, one Adam over the trainable parameters (DJL: β
 *       0.9/0.999, ε 1e-8 added to √v before bias correction), the config's {@code lr}, cosine
 *       schedule over the trace's steps, and {@code clipNorm};
 *   <li>{@link #writeParameters}, {@link #scoreToFile}: the weights and the detector's score.
 * </ol>
 *
 * Parameters computed by {@link #prepare} ({@code feature_mean}, {@code feature_std}, {@code
 * center}) are not loaded; they are written back like every other.
 */
public final class DetectorTrace implements AutoCloseable {

    private static final List<String> COMPUTED = List.of("feature_mean", "feature_std", "center");
    private static final int SCORE_BATCH = 256;

    private final String kind;
    private final DetectorConfig config;
    private final TrainingConfig training;
    private final BufferAllocator allocator;
    private final NDManager manager;
    private final ParameterStore ps;
    private final AbstractBlock block;
    private final DataType dataType;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private boolean closed;

    DetectorTrace(
            String kind,
            Map<String, String> settings,
            int inChannels,
            DataType dataType,
            BufferAllocator allocator) {
        DetectorFactory factory = Detectors.factory(kind);
        this.kind = factory.kind();
        this.config = factory.config(settings);
        this.training = TracedKinds.training(config);
        this.allocator = allocator;
        this.dataType = dataType;
        this.manager = NDManager.newBaseManager(Devices.preferred());
        try {
            block = TracedKinds.model(factory, config, inChannels, manager, dataType);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        ps = new ParameterStore(manager, false);
        for (Pair<String, Parameter> p : block.getParameters()) {
            parameters.put(p.getKey(), p.getValue());
        }
    }

    /**
     * Every parameter as a JSON array of {@code name}, {@code shape}, {@code trainable} (updated by
     * the optimiser) and {@code computed} (set by {@link #prepare}, not loaded), in order.
     */
    public String parametersJson() {
        checkOpen();
        List<Map<String, Object>> out = new ArrayList<>();
        parameters.forEach(
                (k, p) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", k);
                    m.put("shape", p.getArray().getShape().getShape());
                    m.put("trainable", p.requiresGradient());
                    m.put("computed", computed(k));
                    out.add(m);
                });
        return Json.write(out);
    }

    private static boolean computed(String name) {
        return COMPUTED.stream().anyMatch(name::endsWith);
    }

    /**
     * Sets every parameter that {@link #prepare} does not compute from tensor files ({@code name →
     * path}, float32 of the parameter's shape); each must be given once.
     */
    public void loadParameters(Map<String, String> files) {
        checkOpen();
        String who = "DetectorTrace(" + kind + ").loadParameters";
        List<String> loadable = parameters.keySet().stream().filter(k -> !computed(k)).toList();
        ParameterFiles.requireExactly(
                who,
                loadable,
                files,
                "unknown or computed",
                "; give every name of parametersJson() whose computed is false");
        ParameterFiles.load(who, parameters, files, dataType, allocator);
    }

    /**
     * What the detector's {@code fit} does before the first step, on {@code train}: feature
     * statistics, then (OCGIN) the centre under the current weights, over batches of {@code
     * batchSize} graphs in order.
     */
    public void prepare(List<Graph> train) {
        checkOpen();
        requireGraphs("prepare", "train", train);
        if (block instanceof GraphCL g) {
            g.scaling().set(FeatureStats.of(train));
            return;
        }
        try (NDManager scope = manager.newSubManager()) {
            GinDetector.prepare(
                    (GraphAnomalyModel) block, ps, scope, train, training.batchSize(), this::batch);
        }
    }

    /**
     * Runs one optimisation step per slice {@code [ptr[i], ptr[i+1])} of {@code graphs} in order
     * (for graphcl, {@code secondViews} holds the second view of each graph of {@code graphs},
     * aligned; null for the other kinds).
     *
     * @param stepPtrJson a JSON array of the slice bounds, {@code [0, ..., graphs.size()]}
     * @return JSON {@code {"losses": [...]}}, the mean loss of each step before its update
     */
    public String train(List<Graph> graphs, List<Graph> secondViews, String stepPtrJson)
            throws IOException {
        checkOpen();
        TraceSteps steps =
                TraceSteps.parse("DetectorTrace(" + kind + ").train", stepPtrJson, graphs.size());
        boolean contrastive = block instanceof GraphCL;
        if (contrastive != (secondViews != null)
                || (secondViews != null && secondViews.size() != graphs.size())) {
            throw new InvalidArgumentException(
                    "DetectorTrace("
                            + kind
                            + ").train: "
                            + (contrastive
                                    ? "graphcl needs secondViews, one per graph of graphs, got "
                                            + (secondViews == null ? "null" : secondViews.size())
                                    : "secondViews must be null for " + kind));
        }
        List<ParameterGroup> groups =
                List.of(ParameterGroup.adamTrainable(kind, block, training.lr()));
        TrainingLoop loop = new TrainingLoop(training);
        double[] losses;
        if (contrastive) {
            GraphCL model = (GraphCL) block;
            float tau = ((GraphCLConfig) config).temperature();
            Objective<Views> objective =
                    (v, t) -> model.contrastiveLoss(ps, v.first(), v.second(), tau, t);
            List<Function<NDManager, Views>> inputs =
                    steps.inputs(
                            (scope, a, b) ->
                                    new Views(
                                            batch(scope, graphs.subList(a, b)),
                                            batch(scope, secondViews.subList(a, b))));
            losses = loop.steps(manager, objective, inputs, groups);
        } else {
            GraphAnomalyModel model = (GraphAnomalyModel) block;
            Objective<GraphBatch> objective = (batch, t) -> model.lossPerGraph(ps, batch, t);
            List<Function<NDManager, GraphBatch>> inputs =
                    steps.inputs((scope, a, b) -> batch(scope, graphs.subList(a, b)));
            losses = loop.steps(manager, objective, inputs, groups);
        }
        return Json.write(Map.of("losses", losses));
    }

    /** Writes parameters to tensor files ({@code name → path}, float32). */
    public void writeParameters(Map<String, String> files) {
        checkOpen();
        ParameterFiles.write(
                "DetectorTrace(" + kind + ").writeParameters",
                parameters,
                files,
                "; the names are those of parametersJson()");
    }

    /**
     * Writes the detector's float32 scores of {@code graphs} to the tensor file {@code path}: the
     * loss without training behaviour (ocgin, gae, glocalkd), or for graphcl the mean distance to
     * the {@code neighbours} nearest embeddings of {@code bank} (the training graphs; null for the
     * other kinds).
     */
    public void scoreToFile(List<Graph> graphs, List<Graph> bank, String path) {
        checkOpen();
        requireGraphs("scoreToFile", "graphs", graphs);
        float[] scores;
        if (block instanceof GraphCL model) {
            requireGraphs("scoreToFile", "bank", bank);
            int k = ((GraphCLConfig) config).neighbours();
            NDArray reference = embedAll(model, bank);
            scores =
                    GraphScorer.scoreAll(
                            manager,
                            b ->
                                    KnnDistance.meanDistance(
                                                    model.embed(ps, cast(b), false), reference, k)
                                            .toType(DataType.FLOAT32, false),
                            graphs,
                            SCORE_BATCH,
                            "DetectorTrace.score");
            reference.close();
        } else {
            GraphAnomalyModel model = (GraphAnomalyModel) block;
            scores =
                    GraphScorer.scoreAll(
                            manager,
                            b -> model.score(ps, cast(b)).toType(DataType.FLOAT32, false),
                            graphs,
                            SCORE_BATCH,
                            "DetectorTrace.score");
        }
        try (NDManager m = manager.newSubManager()) {
            TensorIpc.write(m.create(scores), Path.of(path));
        }
    }

    private NDArray embedAll(GraphCL model, List<Graph> graphs) {
        List<NDArray> parts = new ArrayList<>();
        for (int from = 0; from < graphs.size(); from += SCORE_BATCH) {
            try (NDManager scope = manager.newSubManager()) {
                GraphBatch b =
                        batch(
                                scope,
                                graphs.subList(from, Math.min(graphs.size(), from + SCORE_BATCH)));
                NDArray z = model.embed(ps, b, false);
                z.attach(manager);
                parts.add(z);
            }
        }
        return NDArrays.concat(new NDList(parts), 0);
    }

    /** A batch of {@code graphs} whose features are of the trace's type. */
    private GraphBatch batch(NDManager scope, List<Graph> graphs) {
        return cast(GraphBatch.of(scope, graphs));
    }

    private GraphBatch cast(GraphBatch b) {
        if (dataType == DataType.FLOAT32) {
            return b;
        }
        return GraphBatch.fromArrays(
                b.x().toType(dataType, false), b.edgeIndex(), null, b.ptr(), null);
    }

    private void requireGraphs(String who, String name, List<Graph> graphs) {
        if (graphs == null || graphs.isEmpty()) {
            throw new InvalidArgumentException(
                    "DetectorTrace(" + kind + ")." + who + ": " + name + " holds no graphs");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("DetectorTrace(" + kind + ") is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }
}
