package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import org.hepgraph.nn.Edges.Aggregation;

/**
 * The graph isomorphism operator of Xu et al., "How Powerful are Graph Neural Networks?" (ICLR
 * 2019), as PyG's {@code GINConv}:
 *
 * <pre>
 *   x'_i = nn( (1 + ε) x_i + Σ_{j ∈ N(i)} x_j )
 * </pre>
 *
 * <p>Shapes: {@code x [N, F_in]}, {@code edgeIndex [2, E]} → {@code [N, F_out]}.
 *
 * <p>Options: {@code inChannels} (required); {@code outChannels} (required unless taken from {@code
 * optNn}); {@code optNn} any block {@code [*, F_in] → [*, F_out]} (default an {@link MLP} {@code
 * [F_in, hidden, F_out]} without norm, as PyG's {@code GIN} model); {@code optHidden} (default
 * {@code F_out}); {@code optEps} ε (0); {@code optTrainEps} learn ε (false); {@code optAggregation}
 * (SUM).
 */
public final class GINConv extends MessagePassing {

    private final Block nn;
    private final Parameter eps;
    private final double initialEps;

    private GINConv(Builder b, Block nn) {
        super(b.inChannels, b.outChannels, b.aggregation);
        this.nn = addChild("mlp", nn, inChannels);
        initialEps = b.eps;
        eps = b.trainEps ? addParameter(epsParameter(b.eps)) : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDArray propagate(
            ParameterStore ps, NDArray x, Edges edges, NDArray edgeAttr, boolean training) {
        NDArray neighbours = edges.aggregateSource(x, aggregation);
        return Layers.linear(
                ps, nn, selfTerm(ps, x, eps, initialEps, training).add(neighbours), training);
    }

    /** A learned ε, shape {@code [1]}, starting at {@code initial}. */
    static Parameter epsParameter(double initial) {
        return Parameter.builder()
                .setName("eps")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(1))
                .optInitializer(new ConstantInitializer((float) initial))
                .build();
    }

    /** {@code (1 + ε) x} with ε learned ({@code eps} not null) or fixed. */
    static NDArray selfTerm(
            ParameterStore ps, NDArray x, Parameter eps, double fixed, boolean training) {
        if (eps == null && fixed == 0) {
            return x; // (1 + 0)·x: skip a multiply and a scalar upload per layer call
        }
        return eps == null
                ? x.mul(Layers.scalar(x, 1.0 + fixed))
                : x.add(x.mul(ps.getValue(eps, x.getDevice(), training)));
    }

    /** Builder options shared by GINConv and GINEConv: ε and whether it is learned. */
    @SuppressWarnings("unchecked")
    public abstract static class EpsBuilder<T extends EpsBuilder<T>> extends NnBuilder<T> {
        protected double eps;
        protected boolean trainEps;

        protected EpsBuilder(Aggregation defaultAggregation) {
            super(defaultAggregation);
        }

        /**
         * ε, the weight of the node itself is {@code 1 + ε} (default 0); kept as a double so that
         * float64 layers use the exact value.
         */
        public T optEps(double eps) {
            this.eps = eps;
            return (T) this;
        }

        /** Learn ε, starting from {@code optEps} (default false). */
        public T optTrainEps(boolean trainEps) {
            this.trainEps = trainEps;
            return (T) this;
        }
    }

    /** Builds a {@link GINConv}. */
    public static final class Builder extends EpsBuilder<Builder> {
        private Builder() {
            super(Aggregation.SUM);
        }

        public GINConv build() {
            return new GINConv(this, resolveNn("GINConv", inChannels, true));
        }
    }
}
