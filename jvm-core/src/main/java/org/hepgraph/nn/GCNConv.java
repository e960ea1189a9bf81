package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.nn.Edges.Aggregation;

/**
 * The graph convolution of Kipf and Welling, "Semi-Supervised Classification with Graph
 * Convolutional Networks" (ICLR 2017), as PyG's {@code GCNConv}:
 *
 * <pre>
 *   x'_i = Σ_{j ∈ N(i) ∪ {i}} e_ji / sqrt(d_j d_i) · x_j W + b,   d_i = Σ_{j ∈ N(i) ∪ {i}} e_ji
 * </pre>
 *
 * with {@code e_ji} the edge weight (1 when none is given) and the self loops added by PyG's {@code
 * add_remaining_self_loops} ({@link Edges#withRemainingSelfLoops}): an existing self loop keeps its
 * weight, a node without one gets weight 1 (2 when {@code improved}). The normalisation ({@link
 * #gcnNorm}) is computed on the device, so gradients reach {@code x}, {@code W} and the edge
 * weights.
 *
 * <p>Shapes: {@code x [N, F_in]}, {@code edgeIndex [2, E]}, optional {@code edgeWeight [E]} as the
 * third input → {@code [N, F_out]}.
 *
 * <p>Options (PyG's defaults): {@code inChannels}, {@code outChannels} (required); {@code
 * optImproved} (false): self loops of weight 2; {@code optNormalize} (true): the symmetric
 * normalisation, else a plain weighted sum {@code Σ_j e_ji x_j W}; {@code optAddSelfLoops} (=
 * normalize; true without normalisation is refused, as PyG); {@code optBias} (true). Aggregation is
 * always a sum; the builder refuses another.
 */
public final class GCNConv extends MessagePassing {

    private final boolean improved;
    private final boolean normalize;
    private final boolean addSelfLoops;
    private final Block linear;
    private final Parameter bias;

    private GCNConv(Builder b) {
        super(b.inChannels, b.outChannels, Aggregation.SUM);
        improved = b.improved;
        normalize = b.normalize;
        addSelfLoops = b.addSelfLoops == null ? b.normalize : b.addSelfLoops;
        // The bias is added after aggregation (as PyG): inside the linear map it would be scaled
        // by the sum of the edge coefficients, which is not 1.
        linear =
                addChild(
                        "linear",
                        Linear.builder().setUnits(outChannels).optBias(false).build(),
                        inChannels);
        bias = b.bias ? addParameter(Layers.bias(outChannels)) : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDArray propagate(
            ParameterStore ps, NDArray x, Edges edges, NDArray edgeWeight, boolean training) {
        NDManager m = x.getManager();
        NDArray weight = edgeWeight(x, edges, edgeWeight);
        Edges used = edges;
        if (addSelfLoops) {
            Edges.Weighted looped = edges.withRemainingSelfLoops(m, weight, improved ? 2f : 1f);
            used = looped.edges();
            weight = looped.weight();
        }
        if (normalize) {
            weight = gcnNorm(used, weight);
        }
        NDArray h = Layers.linear(ps, linear, x, training);
        NDArray messages = used.gatherSource(h).mul(weight.reshape(used.numEdges(), 1));
        NDArray out = used.aggregate(messages, Aggregation.SUM);
        return bias == null ? out : out.add(ps.getValue(bias, x.getDevice(), training));
    }

    /** The third input as weights {@code [E]} in x's type; ones when absent. */
    private static NDArray edgeWeight(NDArray x, Edges edges, NDArray edgeWeight) {
        if (edgeWeight == null) {
            return x.getManager().ones(new Shape(edges.numEdges()), x.getDataType());
        }
        Shape s = edgeWeight.getShape();
        if (s.dimension() > 2 || (s.dimension() == 2 && s.get(1) != 1)) {
            throw new InvalidGraphException(
                    "GCNConv: the third input is the edge weight and must be [E] (or [E, 1]), got "
                            + s
                            + "; pass one scalar weight per edge or none");
        }
        return edgeWeight.reshape(edges.numEdges()).toType(x.getDataType(), false);
    }

    /**
     * PyG's {@code gcn_norm} without the self loops: {@code e_ji / sqrt(d_j d_i)} per edge, with
     * {@code d} the weighted in-degree over the given edges and {@code 1/sqrt(0)} taken as 0.
     *
     * @param weight {@code [E]}
     * @return {@code [E]}
     */
    public static NDArray gcnNorm(Edges edges, NDArray weight) {
        NDArray deg = edges.aggregate(weight.reshape(edges.numEdges(), 1), Aggregation.SUM);
        NDArray isolated = deg.eq(Layers.scalar(deg, 0f)).toType(deg.getDataType(), false);
        // 1/sqrt(deg + isolated) is finite everywhere, so its gradient never meets inf · 0.
        NDArray invSqrt =
                Layers.scalar(deg, 1f).sub(isolated).div(deg.add(isolated).sqrt()).reshape(-1);
        return edges.gatherSource(invSqrt).mul(weight).mul(edges.gatherTarget(invSqrt));
    }

    /** Builds a {@link GCNConv}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private boolean improved;
        private boolean normalize = true;
        private Boolean addSelfLoops;
        private boolean bias = true;

        private Builder() {
            super(Aggregation.SUM);
        }

        /** Self loops of weight 2, {@code Â = A + 2I} (default false). */
        public Builder optImproved(boolean improved) {
            this.improved = improved;
            return this;
        }

        /** The symmetric normalisation {@code D^-1/2 Â D^-1/2} (default true). */
        public Builder optNormalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /** Add the remaining self loops (default: the value of normalize). */
        public Builder optAddSelfLoops(boolean addSelfLoops) {
            this.addSelfLoops = addSelfLoops;
            return this;
        }

        /** Learn an additive bias (default true). */
        public Builder optBias(boolean bias) {
            this.bias = bias;
            return this;
        }

        public GCNConv build() {
            validate("GCNConv");
            requireAggregation("GCNConv", Aggregation.SUM);
            if (Boolean.TRUE.equals(addSelfLoops) && !normalize) {
                throw new InvalidArgumentException(
                        "GCNConv.builder(): addSelfLoops=true needs normalize=true (as PyG: self "
                                + "loops are only added with the normalisation); remove "
                                + "optAddSelfLoops(true) or set optNormalize(true)");
            }
            return new GCNConv(this);
        }
    }
}
