package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.nn.Edges.Aggregation;

/**
 * GIN with edge features, from Hu et al., "Strategies for Pre-training Graph Neural Networks" (ICLR
 * 2020), as PyG's {@code GINEConv}:
 *
 * <pre>
 *   x'_i = nn( (1 + ε) x_i + Σ_{j ∈ N(i)} ReLU(x_j + W_e e_ji + b_e) )
 * </pre>
 *
 * without {@code W_e, b_e} (edge features added as they are) when {@code edgeDim} is not set.
 *
 * <p>Shapes: {@code x [N, F_in]}, {@code edgeIndex [2, E]}, {@code edgeAttr [E, D]} (D = {@code
 * F_in} without {@code edgeDim}) → {@code [N, F_out]}.
 *
 * <p>Options: {@code inChannels} (required), {@code outChannels}, {@code optNn}, {@code optHidden},
 * {@code optEps} (0), {@code optTrainEps} (false) as {@link GINConv}; {@code optEdgeDim} D (none):
 * a linear map of the edge features to {@code F_in}. Aggregation is always a sum.
 */
public final class GINEConv extends MessagePassing {

    private final Block nn;
    private final Block edgeLinear;
    private final int edgeDim;
    private final Parameter eps;
    private final double initialEps;

    private GINEConv(Builder b, Block nn) {
        super(b.inChannels, b.outChannels, Aggregation.SUM);
        edgeDim = b.edgeDim;
        initialEps = b.eps;
        this.nn = addChild("mlp", nn, inChannels);
        edgeLinear =
                edgeDim > 0
                        ? addChild("edge", Linear.builder().setUnits(inChannels).build(), edgeDim)
                        : null;
        eps = b.trainEps ? addParameter(GINConv.epsParameter(b.eps)) : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDArray propagate(
            ParameterStore ps, NDArray x, Edges edges, NDArray edgeAttr, boolean training) {
        long width = edgeDim > 0 ? edgeDim : inChannels;
        if (edgeAttr == null
                || edgeAttr.getShape().dimension() != 2
                || edgeAttr.getShape().get(1) != width) {
            throw new InvalidGraphException(
                    "GINEConv: needs edgeAttr [E, "
                            + width
                            + "] as the third input, got "
                            + (edgeAttr == null ? "none" : edgeAttr.getShape())
                            + (edgeDim > 0
                                    ? "; set optEdgeDim to the width of edgeAttr"
                                    : "; without optEdgeDim the edge features are added to x, so"
                                            + " call optEdgeDim(D) for D != inChannels")
                            + " (use GINConv for graphs without edge features)");
        }
        NDArray e = edgeDim > 0 ? Layers.linear(ps, edgeLinear, edgeAttr, training) : edgeAttr;
        NDArray messages = Activation.relu(edges.gatherSource(x).add(e));
        NDArray h =
                GINConv.selfTerm(ps, x, eps, initialEps, training)
                        .add(edges.aggregate(messages, Aggregation.SUM));
        return Layers.linear(ps, nn, h, training);
    }

    /** Builds a {@link GINEConv}. */
    public static final class Builder extends GINConv.EpsBuilder<Builder> {
        private int edgeDim = -1;

        private Builder() {
            super(Aggregation.SUM);
        }

        /** Width D of edgeAttr, mapped to {@code F_in} by a linear layer (default: none). */
        public Builder optEdgeDim(int edgeDim) {
            this.edgeDim = edgeDim;
            return this;
        }

        public GINEConv build() {
            requireAggregation("GINEConv", Aggregation.SUM);
            Layers.checkEdgeDim("GINEConv", edgeDim);
            return new GINEConv(this, resolveNn("GINEConv", inChannels, true));
        }
    }
}
