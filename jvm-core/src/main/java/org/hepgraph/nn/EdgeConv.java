package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.hepgraph.nn.Edges.Aggregation;

/**
 * The edge convolution of Wang et al., "Dynamic Graph CNN for Learning on Point Clouds" (ACM ToG
 * 2019), the building block of ParticleNet, as PyG's {@code EdgeConv}:
 *
 * <pre>
 *   x'_i = max_{j ∈ N(i)} h_Θ( x_i ‖ x_j − x_i )
 * </pre>
 *
 * <p>Shapes: {@code x [N, F_in]}, {@code edgeIndex [2, E]} → {@code [N, F_out]}. A node without
 * incoming edges gets 0.
 *
 * <p>Options: {@code inChannels} (required); {@code outChannels} (required unless taken from {@code
 * optNn}); {@code optNn} h_Θ, any block {@code [*, 2 F_in] → [*, F_out]} (default an {@link MLP}
 * {@code [2 F_in, hidden, F_out]} without norm whose last layer is activated); {@code optHidden}
 * (default {@code F_out}); {@code optAggregation} (MAX).
 */
public final class EdgeConv extends MessagePassing {

    private final Block nn;

    private EdgeConv(Builder b, Block nn) {
        super(b.inChannels, b.outChannels, b.aggregation);
        this.nn = addChild("mlp", nn, 2L * inChannels);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDArray propagate(
            ParameterStore ps, NDArray x, Edges edges, NDArray edgeAttr, boolean training) {
        NDArray xi = edges.gatherTarget(x);
        NDArray xj = edges.gatherSource(x);
        NDArray messages = Layers.linear(ps, nn, xi.concat(xj.sub(xi), 1), training);
        return edges.aggregate(messages, aggregation);
    }

    /** Builds an {@link EdgeConv}. */
    public static final class Builder extends NnBuilder<Builder> {
        private Builder() {
            super(Aggregation.MAX);
        }

        public EdgeConv build() {
            return new EdgeConv(this, resolveNn("EdgeConv", 2L * inChannels, false));
        }
    }
}
