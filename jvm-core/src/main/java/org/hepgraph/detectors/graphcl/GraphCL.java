package org.hepgraph.detectors.graphcl;

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
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.losses.NtXent;
import org.hepgraph.models.FeatureScaling;
import org.hepgraph.models.GinEncoder;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.nn.GlobalPool;
import org.hepgraph.nn.MLP;

/**
 * GraphCL's encoder and projection head (You et al., "Graph Contrastive Learning with
 * Augmentations", NeurIPS 2020):
 *
 * <pre>
 *   z_G = ‖_l pool_{v ∈ G} h_v^(l)        readout of every GIN layer, concatenated [B, L · hidden]
 *   p_G = W₂ ReLU(W₁ z_G)                 projection head, [B, L · hidden]
 * </pre>
 *
 * <p>The projection {@code p} feeds the contrastive loss only; downstream (the kNN score) reads the
 * encoder output {@code z}, as GraphCL and SimCLR do. The readout is a sum (GraphCL's {@code
 * global_add_pool}) with sum aggregation and a mean with mean aggregation, which keeps dense jet
 * graphs at O(1). Node features are standardised inside the block with the training set's mean and
 * standard deviation, stored as non-trainable parameters, so a saved block embeds exactly as it did
 * when trained. Shapes: a {@link GraphBatch} with {@code x [N, F]} → {@code [B, L · hidden]}.
 */
public final class GraphCL extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int inChannels;
    private final Aggregation aggregation;
    private final GinEncoder encoder;
    private final MLP projection;
    private final FeatureScaling scaling;

    /**
     * @param inChannels node features in
     * @param hidden width of every GIN layer
     * @param layers number of GIN layers (≥ 1)
     * @param aggregation SUM (sum readout) or MEAN (mean readout)
     */
    public GraphCL(int inChannels, int hidden, int layers, Aggregation aggregation) {
        super(VERSION);
        this.inChannels = inChannels;
        this.aggregation = aggregation;
        int[] widths = new int[layers];
        Arrays.fill(widths, hidden);
        encoder = addChildBlock("encoder", new GinEncoder(aggregation, inChannels, widths));
        int width = encoder.totalWidth();
        projection =
                addChildBlock(
                        "projection",
                        // GraphCL's head is Linear → ReLU → Linear, without PyG MLP's batch norm.
                        MLP.builder()
                                .setChannels(width, width, width)
                                .optNorm(MLP.Norm.NONE)
                                .build());
        scaling = addChildBlock("scaling", new FeatureScaling(inChannels));
    }

    /** Node features F the block was built for. */
    public int inChannels() {
        return inChannels;
    }

    /** The node-feature standardisation, set from the training graphs before training. */
    public FeatureScaling scaling() {
        return scaling;
    }

    /** The width of an embedding, {@code layers · hidden}. */
    public int embeddingWidth() {
        return encoder.totalWidth();
    }

    /** Graph embeddings {@code z [B, L · hidden]} (what the kNN score compares). */
    public NDArray embed(ParameterStore ps, GraphBatch batch, boolean training) {
        NDArray x = scaling.apply(ps, batch.x(), training);
        List<NDArray> pooled = new ArrayList<>();
        for (NDArray h : encoder.embed(ps, x, batch.edgeIndex(), training)) {
            pooled.add(
                    aggregation == Aggregation.SUM
                            ? GlobalPool.add(h, batch)
                            : GlobalPool.mean(h, batch));
        }
        return NDArrays.concat(new NDList(pooled), 1);
    }

    /** The projection head applied to embeddings {@code z}, {@code [B, L · hidden]}. */
    public NDArray project(ParameterStore ps, NDArray z, boolean training) {
        return projection.forward(ps, new NDList(z), training).singletonOrThrow();
    }

    /**
     * The training loss of one step: NT-Xent ({@link NtXent}, temperature {@code temperature}) of
     * the projected embeddings of two views, row {@code i} of each the same graph; shape {@code
     * [1]}.
     */
    public NDArray contrastiveLoss(
            ParameterStore ps,
            GraphBatch first,
            GraphBatch second,
            float temperature,
            boolean training) {
        NDArray z1 = embed(ps, first, training);
        NDArray z2 = embed(ps, second, training);
        return NtXent.loss(project(ps, z1, training), project(ps, z2, training), temperature)
                .reshape(1);
    }

    /**
     * As a DJL block: {@code NDList(x [N, F], edgeIndex [2, E], batch [N], ptr [B+1])} → the
     * embeddings {@code z [B, L · hidden]}.
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        GraphBatch batch = GraphBatch.fromBlockInputs(inputs);
        return new NDList(embed(ps, batch, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[3].get(0) - 1, encoder.totalWidth())};
    }

    /**
     * Initialises every weight as PyTorch draws {@code nn.Linear} weights (uniform in
     * ±1/sqrt(fan_in)), as the other GIN detectors do; biases start at 0.
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
        encoder.initialize(manager, dataType, new Shape(1, inChannels), new Shape(2, 1));
        projection.initialize(manager, dataType, new Shape(1, encoder.totalWidth()));
    }
}
