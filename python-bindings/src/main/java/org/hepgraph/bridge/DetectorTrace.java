package org.hepgraph.bridge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.detectors.DetectorConfig;
import org.hepgraph.detectors.DetectorFactory;
import org.hepgraph.detectors.Detectors;
import org.hepgraph.detectors.gin.GaeConfig;
import org.hepgraph.detectors.gin.GinDetector;
import org.hepgraph.detectors.gin.GinFactory;
import org.hepgraph.detectors.gin.OcginConfig;
import org.hepgraph.detectors.glocalkd.GLocalKDConfig;
import org.hepgraph.detectors.graphcl.GraphCL;
import org.hepgraph.detectors.graphcl.GraphCLConfig;
import org.hepgraph.detectors.graphcl.KnnDistance;
import org.hepgraph.io.exchange.MappedTensor;
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
 * implementation: the registry's model for the kind (the {@code GinFactory} model of ocgin, gae,
 * glocalkd; {@link GraphCL} for graphcl), in float32 (as the detectors train) or float64 (node
 * features cast on entry), on the preferred device.
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
        this.training = trainingOf(config);
        this.allocator = allocator;
        this.dataType = dataType;
        this.manager = NDManager.newBaseManager(Devices.preferred());
        try {
            if (config instanceof GraphCLConfig c) {
                block = new GraphCL(inChannels, c.hidden(), c.layers(), c.aggregation());
            } else {
                block = ((GinFactory<?>) factory).model(config, inChannels);
            }
            // The detectors' initialiser; the values are replaced by loadParameters anyway.
            block.setInitializer(
                    new XavierInitializer(
                            XavierInitializer.RandomType.UNIFORM,
                            XavierInitializer.FactorType.IN,
                            1),
                    Parameter.Type.WEIGHT);
            block.initialize(manager, dataType, new Shape(1, inChannels), new Shape(2, 1));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        ps = new ParameterStore(manager, false);
        for (Pair<String, Parameter> p : block.getParameters()) {
            parameters.put(p.getKey(), p.getValue());
        }
    }

    private static TrainingConfig trainingOf(DetectorConfig c) {
        if (c instanceof OcginConfig o) {
            return o.training();
        } else if (c instanceof GaeConfig g) {
            return g.training();
        } else if (c instanceof GLocalKDConfig g) {
            return g.training();
        } else if (c instanceof GraphCLConfig g) {
            return g.training();
        }
        throw new InvalidArgumentException(
                "DetectorTrace: kind '"
                        + c.kind()
                        + "' has no trace; use one of ocgin, gae, glocalkd, graphcl");
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
        Set<String> missing = new TreeSet<>();
        parameters.keySet().stream().filter(k -> !computed(k)).forEach(missing::add);
        missing.removeAll(files.keySet());
        List<String> unknown = new ArrayList<>(files.keySet());
        unknown.removeIf(k -> parameters.containsKey(k) && !computed(k));
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new InvalidArgumentException(
                    "DetectorTrace("
                            + kind
                            + ").loadParameters: missing "
                            + missing
                            + ", unknown or computed "
                            + unknown
                            + "; give every name of parametersJson() whose computed is false");
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            NDArray target = parameters.get(e.getKey()).getArray();
            try (MappedTensor t = TensorIpc.map(Path.of(e.getValue()), allocator)) {
                if (t.dataType() != dataType
                        || !Arrays.equals(t.shape(), target.getShape().getShape())) {
                    throw new InvalidArgumentException(
                            "DetectorTrace("
                                    + kind
                                    + ").loadParameters: "
                                    + e.getKey()
                                    + " must be "
                                    + dataType
                                    + " of shape "
                                    + target.getShape()
                                    + ", got "
                                    + t.dataType()
                                    + " "
                                    + Arrays.toString(t.shape()));
                }
                ByteBuffer bytes = t.buffer().duplicate().order(ByteOrder.LITTLE_ENDIAN);
                target.set(
                        dataType == DataType.FLOAT32
                                ? bytes.asFloatBuffer()
                                : bytes.asDoubleBuffer());
            }
        }
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
        int[] ptr = new ObjectMapper().readValue(stepPtrJson, int[].class);
        checkPtr(ptr, graphs.size());
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
            List<Function<NDManager, Views>> inputs = new ArrayList<>();
            for (int i = 0; i + 1 < ptr.length; i++) {
                int a = ptr[i];
                int b = ptr[i + 1];
                inputs.add(
                        scope ->
                                new Views(
                                        batch(scope, graphs.subList(a, b)),
                                        batch(scope, secondViews.subList(a, b))));
            }
            losses = loop.steps(manager, objective, inputs, groups);
        } else {
            GraphAnomalyModel model = (GraphAnomalyModel) block;
            Objective<GraphBatch> objective = (batch, t) -> model.lossPerGraph(ps, batch, t);
            List<Function<NDManager, GraphBatch>> inputs = new ArrayList<>();
            for (int i = 0; i + 1 < ptr.length; i++) {
                int a = ptr[i];
                int b = ptr[i + 1];
                inputs.add(scope -> batch(scope, graphs.subList(a, b)));
            }
            losses = loop.steps(manager, objective, inputs, groups);
        }
        return Json.write(Map.of("losses", losses));
    }

    private void checkPtr(int[] ptr, int n) {
        boolean ok = ptr.length >= 2 && ptr[0] == 0 && ptr[ptr.length - 1] == n;
        for (int i = 0; ok && i + 1 < ptr.length; i++) {
            ok = ptr[i] < ptr[i + 1];
        }
        if (!ok) {
            throw new InvalidArgumentException(
                    "DetectorTrace("
                            + kind
                            + ").train: step bounds "
                            + Arrays.toString(ptr)
                            + " must rise strictly from 0 to the number of graphs, "
                            + n);
        }
    }

    /** Writes parameters to tensor files ({@code name → path}, float32). */
    public void writeParameters(Map<String, String> files) {
        checkOpen();
        for (Map.Entry<String, String> e : files.entrySet()) {
            Parameter p = parameters.get(e.getKey());
            if (p == null) {
                throw new InvalidArgumentException(
                        "DetectorTrace("
                                + kind
                                + ").writeParameters: no parameter "
                                + e.getKey()
                                + "; the names are those of parametersJson()");
            }
            TensorIpc.write(p.getArray(), Path.of(e.getValue()));
        }
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
