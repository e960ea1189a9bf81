package org.hepgraph.detectors.glocalkd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.List;
import org.hepgraph.data.GraphBatch;
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
 * <p>The teacher's parameters are frozen ({@code requiresGradient() == false}) right after
 * initialisation, so a training loop that updates only parameters requiring gradients never moves
 * them. Shapes: {@code x [N, F]} (already standardised), a {@link GraphBatch} for the edges and the
 * batch vector → {@code err [B]}.
 */
public final class DistillationPair extends AbstractBlock {

    private static final byte VERSION = 1;

    /** How node embeddings become one graph embedding. */
    public enum Pooling {
        MAX,
        MEAN,
        SUM
    }

    private final int inChannels;
    private final GinEncoder teacher;
    private final GinEncoder student;
    private final Pooling pooling;

    /**
     * @param inChannels node features in
     * @param hidden width of every GIN layer
     * @param layers number of GIN layers (≥ 1)
     * @param aggregation how each GIN layer combines neighbours
     * @param pooling graph readout of the node embeddings
     */
    public DistillationPair(
            int inChannels, int hidden, int layers, Aggregation aggregation, Pooling pooling) {
        super(VERSION);
        this.inChannels = inChannels;
        this.pooling = pooling;
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

    /**
     * Per-graph distillation error {@code [B]}.
     *
     * @param x standardised node features {@code [N, F]}
     * @param nodeWeight λ, the weight of the node-level term
     */
    public NDArray error(
            ParameterStore ps, NDArray x, GraphBatch batch, float nodeWeight, boolean training) {
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
        throw new UnsupportedOperationException(
                "DistillationPair: call error(ps, x, batch, nodeWeight, training)");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(-1)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        teacher.initialize(manager, dataType, new Shape(1, inChannels), new Shape(2, 1));
        student.initialize(manager, dataType, new Shape(1, inChannels), new Shape(2, 1));
        teacher.freezeParameters(true);
    }
}
