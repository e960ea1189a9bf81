package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.nn.Edges.Aggregation;

/**
 * GIN with edge features, from Hu et al., "Strategies for Pre-training Graph Neural Networks" (ICLR
 * 2020):
 *
 * <pre>
 *   x'_i = MLP( (1 + ε) x_i + Σ_{j ∈ N(i)} ReLU(x_j + W_e e_ji) )
 * </pre>
 *
 * <p>Shapes: {@code x [N, F_in]}, {@code edgeIndex [2, E]}, {@code edgeAttr [E, D]} → {@code [N,
 * F_out]}. Options: {@code inChannels}, {@code outChannels}, {@code setEdgeDim} D (required);
 * {@code optHidden} (default {@code outChannels}); {@code optEps} ε (default 0). Aggregation is
 * always a sum; the builder refuses another.
 */
public final class GINEConv extends MessagePassing {

    private final MLP mlp;
    private final Block edgeLinear;
    private final int edgeDim;
    private final float eps;

    private GINEConv(Builder b) {
        super(b.inChannels, b.outChannels, Aggregation.SUM);
        int hidden = b.hidden > 0 ? b.hidden : b.outChannels;
        edgeDim = b.edgeDim;
        eps = b.eps;
        mlp =
                addChild(
                        "mlp",
                        MLP.builder().setChannels(inChannels, hidden, outChannels).build(),
                        inChannels);
        edgeLinear = addChild("edge", Linear.builder().setUnits(inChannels).build(), edgeDim);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDArray propagate(
            ParameterStore ps, NDArray x, Edges edges, NDArray edgeAttr, boolean training) {
        if (edgeAttr == null || edgeAttr.getShape().get(1) != edgeDim) {
            throw new InvalidGraphException(
                    "GINEConv: needs edgeAttr [E, "
                            + edgeDim
                            + "] as the third input, got "
                            + (edgeAttr == null ? "none" : edgeAttr.getShape())
                            + "; use GINConv for graphs without edge features");
        }
        NDArray e = Layers.linear(ps, edgeLinear, edgeAttr, training);
        NDArray messages = Activation.relu(edges.gatherSource(x).add(e));
        NDArray h =
                x.mul(Layers.scalar(x, 1f + eps)).add(edges.aggregate(messages, Aggregation.SUM));
        return Layers.linear(ps, mlp, h, training);
    }

    /** Builds a {@link GINEConv}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private int hidden = -1;
        private int edgeDim = -1;
        private float eps;

        private Builder() {
            super(Aggregation.SUM);
        }

        public Builder setEdgeDim(int edgeDim) {
            this.edgeDim = edgeDim;
            return this;
        }

        public Builder optHidden(int hidden) {
            this.hidden = hidden;
            return this;
        }

        public Builder optEps(float eps) {
            this.eps = eps;
            return this;
        }

        public GINEConv build() {
            validate("GINEConv");
            requireAggregation("GINEConv", Aggregation.SUM);
            if (edgeDim <= 0) {
                throw new InvalidArgumentException(
                        "GINEConv.builder(): edgeDim must be set and > 0, got "
                                + edgeDim
                                + "; call setEdgeDim(D) with the width of edgeAttr");
            }
            return new GINEConv(this);
        }
    }
}
