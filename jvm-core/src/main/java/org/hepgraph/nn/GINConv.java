package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import org.hepgraph.nn.Edges.Aggregation;

/**
 * The graph isomorphism operator of Xu et al., "How Powerful are Graph Neural Networks?" (ICLR
 * 2019):
 *
 * <pre>
 *   x'_i = MLP( (1 + ε) x_i + Σ_{j ∈ N(i)} x_j )
 * </pre>
 *
 * <p>Shapes: {@code x [N, F_in]}, {@code edgeIndex [2, E]} → {@code [N, F_out]}. Options: {@code
 * inChannels}, {@code outChannels} (required); {@code optHidden} the MLP's hidden width (default
 * {@code outChannels}); {@code optEps} ε (default 0); {@code optTrainEps} learn ε (default false);
 * {@code optAggregation} (default SUM).
 */
public final class GINConv extends MessagePassing {

    private final MLP mlp;
    private final Parameter eps;
    private final float initialEps;

    private GINConv(Builder b) {
        super(b.inChannels, b.outChannels, b.aggregation);
        int hidden = b.hidden > 0 ? b.hidden : b.outChannels;
        mlp =
                addChild(
                        "mlp",
                        MLP.builder().setChannels(inChannels, hidden, outChannels).build(),
                        inChannels);
        initialEps = b.eps;
        if (b.trainEps) {
            eps =
                    addParameter(
                            Parameter.builder()
                                    .setName("eps")
                                    .setType(Parameter.Type.OTHER)
                                    .optShape(new Shape(1))
                                    .optInitializer(new ConstantInitializer(b.eps))
                                    .build());
        } else {
            eps = null;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDArray propagate(
            ParameterStore ps, NDArray x, Edges edges, NDArray edgeAttr, boolean training) {
        NDArray neighbours = edges.aggregateSource(x, aggregation);
        NDArray self =
                eps == null
                        ? x.mul(Layers.scalar(x, 1f + initialEps))
                        : x.add(x.mul(ps.getValue(eps, x.getDevice(), training)));
        return Layers.linear(ps, mlp, self.add(neighbours), training);
    }

    /** Builds a {@link GINConv}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private int hidden = -1;
        private float eps;
        private boolean trainEps;

        private Builder() {
            super(Aggregation.SUM);
        }

        public Builder optHidden(int hidden) {
            this.hidden = hidden;
            return this;
        }

        public Builder optEps(float eps) {
            this.eps = eps;
            return this;
        }

        public Builder optTrainEps(boolean trainEps) {
            this.trainEps = trainEps;
            return this;
        }

        public GINConv build() {
            validate("GINConv");
            return new GINConv(this);
        }
    }
}
