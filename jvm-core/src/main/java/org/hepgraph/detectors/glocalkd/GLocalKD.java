package org.hepgraph.detectors.glocalkd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.List;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.models.FeatureScaling;
import org.hepgraph.models.GinEncoder;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.nn.GlobalPool;

/**
 * GLocalKD's two networks (Ma et al., "Deep Graph-level Anomaly Detection by Glocal Knowledge
 * Distillation", WSDM 2022): a randomly initialised teacher that is never trained and a student of
 * the same architecture trained to reproduce it on normal graphs, with the per-graph distillation
 * error
 *
 * <pre>
 *   h_v = normalize(GIN_L(x)_v)                  node embedding: last layer, unit L2 norm
 *   h_G = pool_{v ∈ G} h_v                        graph embedding (max, as GLocalKD; or mean, sum)
 *   err(G) = ‖h_G^S − h_G^T‖² + λ · (1/|V_G|) Σ_{v ∈ G} ‖h_v^S − h_v^T‖²
 * </pre>
 *
 * <p>GLocalKD's official code uses the same two terms with equal weight (λ = 1), a mean over the
 * embedding width instead of the sum (the same ranking) and max pooling of the last layer. Here the
 * networks are the project's {@link GinEncoder} (GLocalKD used a 3-layer GCN with batch norm). Node
 * features are standardised first ({@link FeatureScaling}, shared by both networks).
 *
 * <p>The teacher's parameters are frozen ({@code requiresGradient() == false}) right after
 * initialisation, so a training loop that updates only parameters requiring gradients never moves
 * them. Shapes: a {@link GraphBatch} with {@code x [N, F]} → {@code err [B]}.
 */
public final class GLocalKD extends AbstractBlock {

    private static final byte VERSION = 1;

    /** How node embeddings become one graph embedding. */
    public enum Pooling {
        MAX,
        MEAN,
        SUM
    }

    private final int inChannels;
    private final float nodeWeight;
    private final FeatureScaling scaling;
    private final GinEncoder teacher;
    private final GinEncoder student;
    private final Pooling pooling;

    /**
     * @param inChannels node features in
     * @param hidden width of every GIN layer
     * @param layers number of GIN layers (≥ 1)
     * @param aggregation how each GIN layer combines neighbours
     * @param pooling graph readout of the node embeddings
     * @param nodeWeight λ, the weight of the node-level term
     */
    public GLocalKD(
            int inChannels,
            int hidden,
            int layers,
            Aggregation aggregation,
            Pooling pooling,
            float nodeWeight) {
        super(VERSION);
        this.inChannels = inChannels;
        this.pooling = pooling;
        this.nodeWeight = nodeWeight;
        scaling = addChildBlock("scaling", new FeatureScaling(inChannels));
        int[] widths = new int[layers];
        Arrays.fill(widths, hidden);
        teacher = addChildBlock("teacher", new GinEncoder(aggregation, inChannels, widths));
        student = addChildBlock("student", new GinEncoder(aggregation, inChannels, widths));
    }

    /** Node features F the networks were built for. */
    public int inChannels() {
        return inChannels;
    }

    /** The node-feature standardisation, set from the training graphs before training. */
    public FeatureScaling scaling() {
        return scaling;
    }

    /** The frozen, randomly initialised network. */
    public GinEncoder teacher() {
        return teacher;
    }

    /** The trained network. */
    public GinEncoder student() {
        return student;
    }

    /** Per-graph distillation error {@code [B]}: the training loss and the anomaly score. */
    public NDArray error(ParameterStore ps, GraphBatch batch, boolean training) {
        NDArray x = scaling.apply(ps, batch.x(), training);
        NDArray hs = nodeEmbeddings(student, ps, x, batch, training);
        // The teacher never learns: no training behaviour and no gradient through it.
        NDArray ht = nodeEmbeddings(teacher, ps, x, batch, false).stopGradient();
        NDArray graphError = pool(hs, batch).sub(pool(ht, batch)).square().sum(new int[] {1});
        NDArray nodeError = hs.sub(ht).square().sum(new int[] {1}, true);
        NDArray perGraphNodeError = GlobalPool.mean(nodeError, batch).reshape(-1);
        NDArray lambda = x.getManager().create(nodeWeight).toType(x.getDataType(), false);
        return graphError.add(perGraphNodeError.mul(lambda));
    }

    private static NDArray nodeEmbeddings(
            GinEncoder encoder, ParameterStore ps, NDArray x, GraphBatch batch, boolean training) {
        List<NDArray> layers = encoder.embed(ps, x, batch.edgeIndex(), training);
        return layers.get(layers.size() - 1).normalize(2, 1, 1e-12);
    }

    private NDArray pool(NDArray h, GraphBatch batch) {
        return switch (pooling) {
            case MAX -> GlobalPool.max(h, batch);
            case MEAN -> GlobalPool.mean(h, batch);
            case SUM -> GlobalPool.add(h, batch);
        };
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException("GLocalKD: call error(ps, batch, training)");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(-1)};
    }

    /**
     * Initialises every weight as PyTorch draws {@code nn.Linear} weights (uniform in
     * ±1/sqrt(fan_in)), as the other GIN detectors do, biases at 0; teacher and student get
     * independent draws. Then freezes the teacher.
     */
    public void initialize(NDManager manager) {
        setInitializer(
                new XavierInitializer(
                        XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1),
                Parameter.Type.WEIGHT);
        initialize(manager, DataType.FLOAT32, new Shape(1, inChannels), new Shape(2, 1));
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        scaling.initialize(manager, dataType, new Shape(1, inChannels));
        teacher.initialize(manager, dataType, new Shape(1, inChannels), new Shape(2, 1));
        student.initialize(manager, dataType, new Shape(1, inChannels), new Shape(2, 1));
        teacher.freezeParameters(true);
    }
}
