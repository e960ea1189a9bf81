package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import org.hepgraph.nn.Edges.Aggregation;

/**
 * GraphSAGE of Hamilton et al., "Inductive Representation Learning on Large Graphs" (NeurIPS 2017),
 * as PyG's {@code SAGEConv}:
 *
 * <pre>
 *   x'_i = W_2 · aggr_{j ∈ N(i)} p(x_j) + b + W_1 x_i,   p(x) = ReLU(W_p x + b_p) or x
 *   x'_i ← x'_i / max(‖x'_i‖₂, 1e-12)   when normalize
 * </pre>
 *
 * <p>Shapes: {@code x [N, F_in]}, {@code edgeIndex [2, E]} → {@code [N, F_out]}.
 *
 * <p>Options (PyG's defaults): {@code inChannels}, {@code outChannels} (required); {@code
 * optAggregation} (MEAN; SUM, MAX); {@code optNormalize} L2-normalise each output row (false);
 * {@code optRootWeight} the {@code W_1 x_i} term (true); {@code optProject} the projection {@code
 * p} of the neighbours before aggregation (false); {@code optBias} the bias {@code b} (true).
 */
public final class SAGEConv extends MessagePassing {

    private final boolean normalize;
    private final Block neighbourLinear;
    private final Block rootLinear;
    private final Block projectLinear;

    private SAGEConv(Builder b) {
        super(b.inChannels, b.outChannels, b.aggregation);
        normalize = b.normalize;
        neighbourLinear =
                addChild(
                        "neighbour",
                        Linear.builder().setUnits(outChannels).optBias(b.bias).build(),
                        inChannels);
        rootLinear =
                b.rootWeight
                        ? addChild(
                                "root",
                                Linear.builder().setUnits(outChannels).optBias(false).build(),
                                inChannels)
                        : null;
        projectLinear =
                b.project
                        ? addChild(
                                "project",
                                Linear.builder().setUnits(inChannels).build(),
                                inChannels)
                        : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDArray propagate(
            ParameterStore ps, NDArray x, Edges edges, NDArray edgeAttr, boolean training) {
        NDArray source =
                projectLinear == null
                        ? x
                        : Activation.relu(Layers.linear(ps, projectLinear, x, training));
        NDArray neighbours = edges.aggregateSource(source, aggregation);
        NDArray out = Layers.linear(ps, neighbourLinear, neighbours, training);
        if (rootLinear != null) {
            out = out.add(Layers.linear(ps, rootLinear, x, training));
        }
        if (normalize) {
            NDArray norm = out.square().sum(new int[] {1}, true).sqrt();
            out = out.div(norm.maximum(Layers.scalar(out, 1e-12)));
        }
        return out;
    }

    /** Builds a {@link SAGEConv}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private boolean normalize;
        private boolean rootWeight = true;
        private boolean project;
        private boolean bias = true;

        private Builder() {
            super(Aggregation.MEAN);
        }

        /** L2-normalise each output row (default false). */
        public Builder optNormalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /** Add the transformed root features {@code W_1 x_i} (default true). */
        public Builder optRootWeight(boolean rootWeight) {
            this.rootWeight = rootWeight;
            return this;
        }

        /** Project neighbours by {@code ReLU(W_p x + b_p)} before aggregating (default false). */
        public Builder optProject(boolean project) {
            this.project = project;
            return this;
        }

        /** Learn an additive bias (default true). */
        public Builder optBias(boolean bias) {
            this.bias = bias;
            return this;
        }

        public SAGEConv build() {
            validate("SAGEConv");
            return new SAGEConv(this);
        }
    }
}
