package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.nn.Edges.Aggregation;

/**
 * The graph attention operator of Veličković et al., "Graph Attention Networks" (ICLR 2018):
 *
 * <pre>
 *   h_i = W x_i  (H heads of C channels)
 *   α_ij = softmax_{j ∈ N(i) ∪ {i}} LeakyReLU( a_srcᵀ h_j + a_dstᵀ h_i )
 *   x'_i = ‖_heads Σ_j α_ij h_j + b      (or the mean over heads)
 * </pre>
 *
 * The softmax over each node's incoming edges is a segment softmax: a segment max (detached, it
 * only stabilises the exponent), exponentials, and a segment sum.
 *
 * <p>Shapes: {@code x [N, F_in]}, {@code edgeIndex [2, E]} → {@code [N, H·C]} when heads are
 * concatenated, else {@code [N, C]}. Options: {@code inChannels}, {@code outChannels} C (required);
 * {@code optHeads} H (default 1); {@code optConcat} (default true); {@code optNegativeSlope}
 * (default 0.2). Self loops are always added; aggregation is always a sum and the builder refuses
 * another.
 */
public final class GATConv extends MessagePassing {

    private final int heads;
    private final int channels;
    private final boolean concat;
    private final float negativeSlope;
    private final Block linear;
    private final Parameter attSource;
    private final Parameter attTarget;
    private final Parameter bias;

    private GATConv(Builder b) {
        super(b.inChannels, b.concat ? b.heads * b.outChannels : b.outChannels, Aggregation.SUM);
        heads = b.heads;
        channels = b.outChannels;
        concat = b.concat;
        negativeSlope = b.negativeSlope;
        linear =
                addChild(
                        "linear",
                        Linear.builder().setUnits((long) heads * channels).optBias(false).build(),
                        inChannels);
        attSource = addParameter(attention("att_src"));
        attTarget = addParameter(attention("att_dst"));
        bias =
                addParameter(
                        Parameter.builder()
                                .setName("bias")
                                .setType(Parameter.Type.BIAS)
                                .optShape(new Shape(outChannels))
                                .optInitializer(Initializer.ZEROS)
                                .build());
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
        Edges looped = edges.withSelfLoops(x.getManager());
        long n = x.getShape().get(0);
        NDArray h = Layers.linear(ps, linear, x, training).reshape(n, heads, channels);
        NDArray scoreSource =
                h.mul(ps.getValue(attSource, x.getDevice(), training)).sum(new int[] {2});
        NDArray scoreTarget =
                h.mul(ps.getValue(attTarget, x.getDevice(), training)).sum(new int[] {2});
        NDArray logits =
                Activation.leakyRelu(
                        looped.gatherSource(scoreSource).add(looped.gatherTarget(scoreTarget)),
                        negativeSlope);
        NDArray alpha = segmentSoftmax(looped, logits);
        NDArray messages = looped.gatherSource(h).mul(alpha.expandDims(2));
        NDArray out = looped.aggregate(messages, Aggregation.SUM);
        out = concat ? out.reshape(n, (long) heads * channels) : out.mean(new int[] {1});
        return out.add(ps.getValue(bias, x.getDevice(), training));
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
        private float negativeSlope = 0.2f;

        private Builder() {
            super(Aggregation.SUM);
        }

        public Builder optHeads(int heads) {
            this.heads = heads;
            return this;
        }

        public Builder optConcat(boolean concat) {
            this.concat = concat;
            return this;
        }

        public Builder optNegativeSlope(float negativeSlope) {
            this.negativeSlope = negativeSlope;
            return this;
        }

        public GATConv build() {
            validate("GATConv");
            requireAggregation("GATConv", Aggregation.SUM);
            if (heads <= 0) {
                throw new InvalidArgumentException(
                        "GATConv.builder(): heads must be > 0, got " + heads);
            }
            return new GATConv(this);
        }
    }
}
