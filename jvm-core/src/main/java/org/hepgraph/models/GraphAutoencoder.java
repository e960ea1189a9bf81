package org.hepgraph.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.nn.GlobalPool;
import org.hepgraph.nn.MLP;

/**
 * A graph autoencoder that reconstructs node features through a narrow latent space (in the spirit
 * of the particle graph autoencoders of Tsan et al., arXiv:2111.12849, and Atkinson et al.,
 * arXiv:2107.02840):
 *
 * <pre>
 *   z_i = GIN_L(…GIN_1(x)…)_i ∈ R^latent     (neighbourhood-aware encoding of node i)
 *   x̂_i = MLP(z_i)
 *   loss(G) = score(G) = mean_{i ∈ G} mean_f (x̂_if − x_if)²
 * </pre>
 *
 * Node features are standardised first, so every feature weighs the same in the error.
 */
public final class GraphAutoencoder extends GraphAnomalyModel {

    private final int latent;
    private final GinEncoder encoder;
    private final MLP decoder;

    /**
     * @param inChannels node features F
     * @param hidden width of the GIN layers before the last, and of the decoder's hidden layer
     * @param layers number of GIN layers (the last one has width {@code latent})
     * @param latent width of the bottleneck
     * @param aggregation how GIN layers combine neighbours
     */
    public GraphAutoencoder(
            int inChannels, int hidden, int layers, int latent, Aggregation aggregation) {
        super(inChannels);
        this.latent = latent;
        int[] widths = new int[layers];
        java.util.Arrays.fill(widths, hidden);
        widths[widths.length - 1] = latent;
        encoder = addChildBlock("encoder", new GinEncoder(aggregation, inChannels, widths));
        decoder =
                addChildBlock(
                        "decoder",
                        MLP.builder()
                                .setChannels(latent, hidden, inChannels)
                                .optNorm(MLP.Norm.NONE)
                                .build());
    }

    @Override
    public NDArray lossPerGraph(ParameterStore ps, GraphBatch batch, boolean training) {
        NDArray x = scaledFeatures(ps, batch, training);
        List<NDArray> layers = encoder.embed(ps, x, batch.edgeIndex(), training);
        NDArray z = layers.get(layers.size() - 1);
        NDArray reconstructed = decoder.forward(ps, new NDList(z), training).singletonOrThrow();
        NDArray nodeError = reconstructed.sub(x).square().mean(new int[] {1}, true);
        return GlobalPool.mean(nodeError, batch).reshape(batch.numGraphs());
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, new Shape(1, inChannels), new Shape(2, 1));
        decoder.initialize(manager, dataType, new Shape(1, latent));
    }
}
