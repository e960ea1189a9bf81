package org.hepgraph.detectors.glocalkd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.models.GinEncoder;
import org.hepgraph.models.GraphAnomalyModel;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.nn.GlobalPool;

/**
 * GLocalKD: random knowledge distillation (Ma et al., "Deep Graph-level Anomaly Detection by Glocal
 * Knowledge Distillation", WSDM 2022). A randomly initialised teacher GIN is never trained; a
 * student GIN of the same architecture learns to reproduce it on normal graphs. Its per-graph
 * distillation error is the training loss and the anomaly score:
 *
 * <pre>
 *   h_v = normalize(GIN_L(x)_v)                  node embedding: last layer, unit L2 norm
 *   h_G = pool_{v ∈ G} h_v                        graph embedding (sum, max as GLocalKD, or mean)
 *   err(G) = ‖h_G^S − h_G^T‖² + λ · (1/|V_G|) Σ_{v ∈ G} ‖h_v^S − h_v^T‖²
 * </pre>
 *
 * <p>GLocalKD's official code adds the two terms with equal weight (λ = 1), averages over the
 * embedding width instead of summing (the same ranking) and reads out the last layer by max
 * pooling. Here both networks are the project's {@link GinEncoder} (GLocalKD used a 3-layer GCN
 * with batch norm and a 512/256 width). Node features are standardised first, as in every {@link
 * GraphAnomalyModel}.
 *
 * <p>The teacher's parameters are frozen ({@code requiresGradient() == false}) as soon as they are
 * initialised, so a detector that trains only parameters requiring gradients never moves them, and
 * the teacher's output is cut from the graph ({@code stopGradient}). Shapes: a {@link GraphBatch}
 * with {@code x [N, F]} → {@code err [B]}.
 */
public final class GLocalKD extends GraphAnomalyModel {

    /** How node embeddings become one graph embedding. */
    public enum Pooling {
        MAX,
        MEAN,
        SUM
    }

    private final GinEncoder teacher;
    private final GinEncoder student;
    private final Pooling pooling;
    private final float nodeWeight;

    /**
     * @param inChannels node features F
     * @param hidden width of every GIN layer
     * @param layers number of GIN layers (≥ 1)
     * @param aggregation how each GIN layer combines neighbours
     * @param pooling graph readout of the node embeddings
     * @param nodeWeight λ, the weight of the node-level term (≥ 0)
     */
    public GLocalKD(
            int inChannels,
            int hidden,
            int layers,
            Aggregation aggregation,
            Pooling pooling,
            float nodeWeight) {
        super(inChannels);
        this.pooling = pooling;
        this.nodeWeight = nodeWeight;
        int[] widths = new int[layers];
        Arrays.fill(widths, hidden);
        teacher = addChildBlock("teacher", new GinEncoder(aggregation, inChannels, widths));
        student = addChildBlock("student", new GinEncoder(aggregation, inChannels, widths));
    }

    /** The frozen, randomly initialised network. */
    public GinEncoder teacher() {
        return teacher;
    }

    /** The trained network. */
    public GinEncoder student() {
        return student;
    }

    /** Per-graph distillation error {@code [B]}. */
    @Override
    public NDArray lossPerGraph(ParameterStore ps, GraphBatch batch, boolean training) {
        NDArray x = scaledFeatures(ps, batch, training);
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

    /** Teacher and student get independent draws; then the teacher is frozen. */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        teacher.initialize(manager, dataType, new Shape(1, inChannels), new Shape(2, 1));
        student.initialize(manager, dataType, new Shape(1, inChannels), new Shape(2, 1));
        teacher.freezeParameters(true);
    }
}
