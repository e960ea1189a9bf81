package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.nn.Edges.Aggregation;

/**
 * The graph attention operator of Veličković et al., "Graph Attention Networks" (ICLR 2018), as
 * PyG's {@code GATConv}:
 *
 * <pre>
 *   h_i = W x_i  (H heads of C channels)
 *   α_ij = softmax_{j ∈ N(i) ∪ {i}} LeakyReLU( a_srcᵀ h_j + a_dstᵀ h_i + a_edgeᵀ W_e e_ji )
 *   x'_i = ‖_heads Σ_j α_ij h_j + b      (or the mean over heads)
 * </pre>
 *
 * The softmax over each node's incoming edges is a segment softmax ({@link #segmentSoftmax}).
 *
 * <p>Shapes: {@code x [N, F_in]}, {@code edgeIndex [2, E]}, {@code edgeAttr [E, D]} when {@code
 * edgeDim} is set → {@code [N, H·C]} when heads are concatenated, else {@code [N, C]}.
 *
 * <p>Options (PyG's defaults): {@code inChannels}, {@code outChannels} C (required); {@code
 * optHeads} H (1); {@code optConcat} (true); {@code optNegativeSlope} (0.2); {@code optDropout}
 * dropout on α, in training only (0); {@code optAddSelfLoops} (true): existing self loops are
 * removed and one per node added, its edge features the mean of the node's incoming ones (PyG's
 * {@code fill_value="mean"}); {@code optEdgeDim} D (none): edge features enter the attention, and
 * then {@code edgeAttr} is required; {@code optBias} (true). Aggregation is always a sum.
 */
public final class GATConv extends MessagePassing {

    private final int heads;
    private final int channels;
    private final boolean concat;
    private final double negativeSlope;
    private final float dropout;
    private final boolean addSelfLoops;
    private final int edgeDim;
    private final Block linear;
    private final Block edgeLinear;
    private final Parameter attSource;
    private final Parameter attTarget;
    private final Parameter attEdge;
    private final Parameter bias;

    private GATConv(Builder b) {
        super(b.inChannels, b.concat ? b.heads * b.outChannels : b.outChannels, Aggregation.SUM);
        heads = b.heads;
        channels = b.outChannels;
        concat = b.concat;
        negativeSlope = b.negativeSlope;
        dropout = b.dropout;
        addSelfLoops = b.addSelfLoops;
        edgeDim = b.edgeDim;
        long width = (long) heads * channels;
        linear =
                addChild(
                        "linear",
                        Linear.builder().setUnits(width).optBias(false).build(),
                        inChannels);
        attSource = addParameter(attention("att_src"));
        attTarget = addParameter(attention("att_dst"));
        if (edgeDim > 0) {
            edgeLinear =
                    addChild(
                            "edge",
                            Linear.builder().setUnits(width).optBias(false).build(),
                            edgeDim);
            attEdge = addParameter(attention("att_edge"));
        } else {
            edgeLinear = null;
            attEdge = null;
        }
        bias = b.bias ? addParameter(Layers.bias(outChannels)) : null;
    }

    private Parameter attention(String name) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, heads, channels))
                .optInitializer(new XavierInitializer())
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDArray propagate(
            ParameterStore ps, NDArray x, Edges edges, NDArray edgeAttr, boolean training) {
        NDManager m = x.getManager();
        NDArray attr = edgeDim > 0 ? checkedEdgeAttr(edgeAttr) : null;
        Edges used = edges;
        if (addSelfLoops) {
            used = edges.withoutSelfLoops(m);
            if (attr != null) {
                attr = attr.get(m.create(edges.nonSelfLoopIds()));
                attr = attr.concat(used.aggregate(attr, Aggregation.MEAN), 0);
            }
            used = used.withSelfLoops(m);
        }
        long n = x.getShape().get(0);
        NDArray h = Layers.linear(ps, linear, x, training).reshape(n, heads, channels);
        NDArray logits =
                used.gatherSource(score(ps, h, attSource, training))
                        .add(used.gatherTarget(score(ps, h, attTarget, training)));
        if (attr != null) {
            NDArray e = Layers.linear(ps, edgeLinear, attr, training);
            logits = logits.add(score(ps, e.reshape(-1, heads, channels), attEdge, training));
        }
        NDArray alpha = segmentSoftmax(used, Layers.leakyRelu(logits, negativeSlope));
        if (training && dropout > 0) {
            alpha = Dropout.dropout(alpha, dropout, true).singletonOrThrow();
        }
        NDArray out =
                used.aggregate(used.gatherSource(h).mul(alpha.expandDims(2)), Aggregation.SUM);
        out = concat ? out.reshape(n, (long) heads * channels) : out.mean(new int[] {1});
        return bias == null ? out : out.add(ps.getValue(bias, x.getDevice(), training));
    }

    /** {@code (h ⊙ a).sum(-1)}: {@code [*, H, C]} → {@code [*, H]}. */
    private static NDArray score(ParameterStore ps, NDArray h, Parameter a, boolean training) {
        return h.mul(ps.getValue(a, h.getDevice(), training)).sum(new int[] {2});
    }

    private NDArray checkedEdgeAttr(NDArray edgeAttr) {
        if (edgeAttr == null) {
            throw new InvalidGraphException(
                    "GATConv: edgeDim is "
                            + edgeDim
                            + " but no edgeAttr was passed; give edgeAttr [E, "
                            + edgeDim
                            + "] as the third input or build the layer without optEdgeDim");
        }
        NDArray attr = edgeAttr.getShape().dimension() == 1 ? edgeAttr.reshape(-1, 1) : edgeAttr;
        if (attr.getShape().dimension() != 2 || attr.getShape().get(1) != edgeDim) {
            throw new InvalidGraphException(
                    "GATConv: edgeAttr has shape "
                            + edgeAttr.getShape()
                            + " but edgeDim is "
                            + edgeDim
                            + "; set optEdgeDim to the width of edgeAttr");
        }
        return attr;
    }

    /** Softmax of per-edge logits {@code [E, H]} over the incoming edges of each target node. */
    public static NDArray segmentSoftmax(Edges edges, NDArray logits) {
        NDArray shift = edges.aggregate(logits, Aggregation.MAX).stopGradient();
        NDArray exp = logits.sub(edges.gatherTarget(shift)).exp();
        NDArray denominator = edges.aggregate(exp, Aggregation.SUM);
        return exp.div(edges.gatherTarget(denominator));
    }

    public int heads() {
        return heads;
    }

    /** Builds a {@link GATConv}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private int heads = 1;
        private boolean concat = true;
        private double negativeSlope = 0.2;
        private float dropout;
        private boolean addSelfLoops = true;
        private int edgeDim = -1;
        private boolean bias = true;

        private Builder() {
            super(Aggregation.SUM);
        }

        /** Attention heads H (default 1). */
        public Builder optHeads(int heads) {
            this.heads = heads;
            return this;
        }

        /** Concatenate the heads (default true), else average them. */
        public Builder optConcat(boolean concat) {
            this.concat = concat;
            return this;
        }

        /** Slope of the LeakyReLU on negative logits (default 0.2). */
        public Builder optNegativeSlope(double negativeSlope) {
            this.negativeSlope = negativeSlope;
            return this;
        }

        /** Dropout probability on the attention coefficients, training only (default 0). */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /** Remove existing self loops and add one per node (default true). */
        public Builder optAddSelfLoops(boolean addSelfLoops) {
            this.addSelfLoops = addSelfLoops;
            return this;
        }

        /** Width D of edgeAttr, which then enters the attention (default: no edge features). */
        public Builder optEdgeDim(int edgeDim) {
            this.edgeDim = edgeDim;
            return this;
        }

        /** Learn an additive bias (default true). */
        public Builder optBias(boolean bias) {
            this.bias = bias;
            return this;
        }

        public GATConv build() {
            validate("GATConv");
            requireAggregation("GATConv", Aggregation.SUM);
            if (heads <= 0) {
                throw new InvalidArgumentException(
                        "GATConv.builder(): heads must be > 0, got "
                                + heads
                                + "; call optHeads(1)");
            }
            Layers.checkDropout("GATConv", dropout);
            Layers.checkEdgeDim("GATConv", edgeDim);
            return new GATConv(this);
        }
    }
}
