package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.hepgraph.nn.Edges.Aggregation;

/**
 * The edge convolution of Wang et al., "Dynamic Graph CNN for Learning on Point Clouds" (ACM ToG
 * 2019), the building block of ParticleNet:
 *
 * <pre>
 *   x'_i = max_{j ∈ N(i)} h_Θ( x_i ‖ x_j − x_i )
 * </pre>
 *
 * with {@code h_Θ} an MLP {@code [2 F_in, hidden, F_out]} whose last layer is activated.
 *
 * <p>Shapes: {@code x [N, F_in]}, {@code edgeIndex [2, E]} → {@code [N, F_out]}. Options: {@code
 * inChannels}, {@code outChannels} (required); {@code optHidden} (default {@code outChannels});
 * {@code optAggregation} (default MAX). A node without incoming edges gets 0.
 */
public final class EdgeConv extends MessagePassing {

    private final MLP mlp;

    private EdgeConv(Builder b) {
        super(b.inChannels, b.outChannels, b.aggregation);
        int hidden = b.hidden > 0 ? b.hidden : b.outChannels;
        mlp =
                addChild(
                        "mlp",
                        MLP.builder()
                                .setChannels(2 * inChannels, hidden, outChannels)
                                .optActivateLast(true)
                                .build(),
                        2L * inChannels);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDArray propagate(
            ParameterStore ps, NDArray x, Edges edges, NDArray edgeAttr, boolean training) {
        NDArray xi = edges.gatherTarget(x);
        NDArray xj = edges.gatherSource(x);
        NDArray messages = Layers.linear(ps, mlp, xi.concat(xj.sub(xi), 1), training);
        return edges.aggregate(messages, aggregation);
    }

    /** Builds an {@link EdgeConv}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private int hidden = -1;

        private Builder() {
            super(Aggregation.MAX);
        }

        public Builder optHidden(int hidden) {
            this.hidden = hidden;
            return this;
        }

        public EdgeConv build() {
            validate("EdgeConv");
            return new EdgeConv(this);
        }
    }
}
