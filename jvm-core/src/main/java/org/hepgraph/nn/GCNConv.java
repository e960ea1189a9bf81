package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import org.hepgraph.nn.Edges.Aggregation;

/**
 * The graph convolution of Kipf and Welling, "Semi-Supervised Classification with Graph
 * Convolutional Networks" (ICLR 2017):
 *
 * <pre>
 *   x'_i = Σ_{j ∈ N(i) ∪ {i}} x_j W / sqrt(d_i d_j) + b,   d_i = 1 + in-degree(i)
 * </pre>
 *
 * Self loops are added to every node; the symmetric normalisation is computed on the host from the
 * edge list ({@link #gcnNorm}) and multiplies the messages, so gradients reach {@code x} and {@code
 * W}.
 *
 * <p>Shapes: {@code x [N, F_in]}, {@code edgeIndex [2, E]} → {@code [N, F_out]}. Options: {@code
 * inChannels}, {@code outChannels} (required). Aggregation is always a sum; the builder refuses
 * another.
 */
public final class GCNConv extends MessagePassing {

    private final Block linear;
    private final Parameter bias;

    private GCNConv(Builder b) {
        super(b.inChannels, b.outChannels, Aggregation.SUM);
        // The bias is added after aggregation (as PyG): inside the linear map it would be scaled
        // by Σ_j 1 / sqrt(d_i d_j), which is not 1.
        linear =
                addChild(
                        "linear",
                        Linear.builder().setUnits(outChannels).optBias(false).build(),
                        inChannels);
        bias =
                addParameter(
                        Parameter.builder()
                                .setName("bias")
                                .setType(Parameter.Type.BIAS)
                                .optShape(new Shape(outChannels))
                                .optInitializer(Initializer.ZEROS)
                                .build());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDArray propagate(
            ParameterStore ps, NDArray x, Edges edges, NDArray edgeAttr, boolean training) {
        Edges looped = edges.withSelfLoops(x.getManager());
        NDArray h = Layers.linear(ps, linear, x, training);
        NDArray norm = x.getManager().create(gcnNorm(looped)).reshape(looped.numEdges(), 1);
        return looped.aggregate(looped.gatherSource(h).mul(norm), Aggregation.SUM)
                .add(ps.getValue(bias, x.getDevice(), training));
    }

    /**
     * The symmetric normalisation {@code 1 / sqrt(d_source d_target)} of each edge, with {@code d}
     * the in-degree counted over the given edges (which should already hold the self loops).
     */
    public static float[] gcnNorm(Edges edges) {
        float[] deg = edges.inDegree();
        long[] src = edges.source();
        long[] dst = edges.target();
        float[] norm = new float[src.length];
        for (int e = 0; e < src.length; e++) {
            norm[e] = (float) (1.0 / Math.sqrt((double) deg[(int) src[e]] * deg[(int) dst[e]]));
        }
        return norm;
    }

    /** Builds a {@link GCNConv}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private Builder() {
            super(Aggregation.SUM);
        }

        public GCNConv build() {
            validate("GCNConv");
            requireAggregation("GCNConv", Aggregation.SUM);
            return new GCNConv(this);
        }
    }
}
