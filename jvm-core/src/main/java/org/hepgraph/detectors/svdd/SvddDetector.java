package org.hepgraph.detectors.svdd;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.HepgraphException.ModelFormatException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.detectors.ModelDetector;
import org.hepgraph.train.BatchSource;
import org.hepgraph.train.Objective;
import org.hepgraph.train.ParameterGroup;
import org.hepgraph.train.TrainingHistory;
import org.hepgraph.train.TrainingListener;
import org.hepgraph.train.TrainingLoop;

/**
 * Deep SVDD (Ruff et al., ICML 2018) around a user-given encoder ({@link SvddConfig#encoder()}):
 * the graph embedding {@code z_G} is the encoder's output pooled per graph, the centre {@code c}
 * the mean embedding of the training graphs under the starting weights, fixed before training
 * (coordinates closer to 0 than 0.1 pushed to ±0.1, as OCGIN does), and {@code loss(G) = score(G) =
 * ‖z_G − c‖²}. Every encoder parameter is trained with one Adam through {@link TrainingLoop}.
 *
 * <p>The starting weights are random (from the seed) unless given by name with {@link #startFrom}
 * (e.g. a PyG module's, through {@code BridgeModel}); the trained weights are read by name with
 * {@link #encoderParameters}. Names are {@code <step>.<hepgraph name>}, as {@code BridgeModel}'s.
 * Node features go to the encoder as given (no standardisation), so the trained encoder is the same
 * function in Java and in the module it is handed back to.
 */
public final class SvddDetector extends ModelDetector<SvddConfig, SvddEncoder> {

    private float[] center;
    private Map<String, float[]> start = Map.of();
    private Map<String, long[]> startShapes = Map.of();

    SvddDetector(SvddConfig config, Device device) {
        super(config, device);
    }

    static SvddDetector load(SvddConfig config, int inChannels, InputStream weights, Device device)
            throws IOException {
        SvddDetector d = new SvddDetector(config, device);
        d.readWeights(inChannels, config.training().seed(), weights);
        return d;
    }

    @Override
    protected SvddEncoder newModel(NDManager manager, int inChannels) {
        String spec = config.spec(inChannels);
        int specIn = SvddConfig.inWidth(spec);
        if (specIn != inChannels) {
            throw new InvalidGraphException(
                    kind()
                            + ": the encoder's first layer takes "
                            + specIn
                            + " node features but the graphs have "
                            + inChannels
                            + "; give an encoder built for "
                            + inChannels
                            + " features");
        }
        SvddEncoder m = new SvddEncoder(spec, config.readout());
        m.initialize(manager, DataType.FLOAT32, new Shape(1, inChannels));
        return m;
    }

    /**
     * Starting weights for the next {@link #fit}s, by name (float32 values in row-major order with
     * their shapes); every encoder parameter must be given, once (checked at fit, where the encoder
     * is built). Replaces starting weights given before.
     */
    public void startFrom(Map<String, NDArray> weights) {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        weights.forEach(
                (k, v) -> {
                    values.put(k, v.toType(DataType.FLOAT32, false).toFloatArray());
                    shapes.put(k, v.getShape().getShape());
                });
        start = values;
        startShapes = shapes;
    }

    /** The fitted encoder's parameters by name, in order (live arrays; copy them to keep). */
    public Map<String, Parameter> encoderParameters() {
        requireFitted("encoderParameters");
        return java.util.Collections.unmodifiableMap(model.named());
    }

    /** The hypersphere centre (a copy); for tests. */
    float[] center() {
        requireFitted("center");
        return center.clone();
    }

    private void applyStart() {
        if (start.isEmpty()) {
            return;
        }
        Map<String, Parameter> named = model.named();
        Set<String> missing = new TreeSet<>(named.keySet());
        missing.removeAll(start.keySet());
        List<String> unknown = new ArrayList<>(start.keySet());
        unknown.removeAll(named.keySet());
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new InvalidArgumentException(
                    kind()
                            + ": starting weights do not match the encoder: missing "
                            + missing
                            + ", unknown "
                            + unknown);
        }
        for (Map.Entry<String, Parameter> e : named.entrySet()) {
            NDArray target = e.getValue().getArray();
            long[] shape = startShapes.get(e.getKey());
            if (!Arrays.equals(shape, target.getShape().getShape())) {
                throw new InvalidArgumentException(
                        kind()
                                + ": starting weight "
                                + e.getKey()
                                + " must have shape "
                                + target.getShape()
                                + ", got "
                                + Arrays.toString(shape));
            }
            target.set(start.get(e.getKey()));
        }
    }

    @Override
    public TrainingHistory fit(List<Graph> normalGraphs, TrainingListener... listeners) {
        if (normalGraphs.isEmpty()) {
            throw new InvalidGraphException(kind() + ".fit: no training graphs; need at least 2");
        }
        build(normalGraphs.get(0).numFeatures(), config.training().seed());
        applyStart();
        int batchSize = config.training().batchSize();
        Objective<GraphBatch> objective =
                new Objective<>() {
                    private NDArray c;

                    @Override
                    public void beforeTraining(NDManager scope, List<Graph> train) {
                        center = fixCenter(scope, train, batchSize);
                        c = manager.create(center);
                    }

                    @Override
                    public NDArray lossPerGraph(GraphBatch batch, boolean train) {
                        return model.embed(ps, batch, train).sub(c).square().sum(new int[] {1});
                    }
                };
        return new TrainingLoop(config.training())
                .fit(
                        manager,
                        normalGraphs,
                        objective,
                        BatchSource.single(),
                        List.of(
                                ParameterGroup.adamTrainable(
                                        kind(), model, config.training().lr())),
                        Arrays.asList(listeners));
    }

    private float[] fixCenter(NDManager scope, List<Graph> train, int batchSize) {
        float[] sum = null;
        long count = 0;
        for (int from = 0; from < train.size(); from += batchSize) {
            int to = Math.min(train.size(), from + batchSize);
            GraphBatch b = GraphBatch.of(scope, train.subList(from, to));
            float[] z = model.embed(ps, b, false).sum(new int[] {0}).toFloatArray();
            if (sum == null) {
                sum = new float[z.length];
            }
            for (int i = 0; i < z.length; i++) {
                sum[i] += z[i];
            }
            count += b.numGraphs();
        }
        for (int i = 0; i < sum.length; i++) {
            float c = sum[i] / count;
            sum[i] = Math.abs(c) < 0.1f ? (c < 0 ? -0.1f : 0.1f) : c;
        }
        return sum;
    }

    @Override
    protected boolean fitted() {
        return model != null && center != null;
    }

    @Override
    protected NDArray scoreBatch(GraphBatch batch) {
        NDArray z = model.embed(ps, batch, false);
        return z.sub(z.getManager().create(center)).square().sum(new int[] {1});
    }

    @Override
    protected void saveExtra(DataOutputStream out) throws IOException {
        out.writeInt(center.length);
        for (float v : center) {
            out.writeFloat(v);
        }
    }

    @Override
    protected void readExtra(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n <= 0 || n > 1 << 20) {
            throw new ModelFormatException(kind() + ": the saved centre has width " + n);
        }
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            c[i] = in.readFloat();
        }
        center = c;
    }

    @Override
    public void close() {
        super.close();
        center = null;
    }
}
