package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import org.hepgraph.nn.Edges.Aggregation;

/**
 * GraphSAGE of Hamilton et al., "Inductive Representation Learning on Large Graphs" (NeurIPS 2017):
 *
 * <pre>
 *   x'_i = W_1 x_i + W_2 · aggr_{j ∈ N(i)} x_j
 * </pre>
 *
 * ({@code W_2} carries the bias, as PyG's {@code lin_l}).
 *
 * <p>Shapes: {@code x [N, F_in]}, {@code edgeIndex [2, E]} → {@code [N, F_out]}. Options: {@code
 * inChannels}, {@code outChannels} (required); {@code optAggregation} (default MEAN).
 */
public final class SAGEConv extends MessagePassing {

    private final Block neighbourLinear;
    private final Block rootLinear;

    private SAGEConv(Builder b) {
        super(b.inChannels, b.outChannels, b.aggregation);
        neighbourLinear =
                addChild("neighbour", Linear.builder().setUnits(outChannels).build(), inChannels);
        rootLinear =
                addChild(
                        "root",
                        Linear.builder().setUnits(outChannels).optBias(false).build(),
                        inChannels);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDArray propagate(
            ParameterStore ps, NDArray x, Edges edges, NDArray edgeAttr, boolean training) {
        NDArray neighbours = edges.aggregateSource(x, aggregation);
        return Layers.linear(ps, neighbourLinear, neighbours, training)
                .add(Layers.linear(ps, rootLinear, x, training));
    }

    /** Builds a {@link SAGEConv}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private Builder() {
            super(Aggregation.MEAN);
        }

        public SAGEConv build() {
            validate("SAGEConv");
            return new SAGEConv(this);
        }
    }
}
