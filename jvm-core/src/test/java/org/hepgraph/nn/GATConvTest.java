package org.hepgraph.nn;

import static org.hepgraph.nn.LayerAssertions.*;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.nn.LayerAssertions.GraphInput;
import org.junit.jupiter.api.Test;

class GATConvTest {

    private static GATConv.Builder builder(int in, int out) {
        return GATConv.builder().setInChannels(in).setOutChannels(out);
    }

    @Test
    void shapeAndName() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = randomGraph(m, 1, 6, 3, 10, 0);
            // Concatenated heads: H·C columns; averaged heads: C columns.
            assertShapeAndName(
                    initialized(builder(3, 4).optHeads(2).build(), m, g),
                    m,
                    g,
                    8,
                    "GATConv(3, 8, aggr=sum)");
            assertShapeAndName(
                    initialized(builder(3, 4).optHeads(2).optConcat(false).build(), m, g),
                    m,
                    g,
                    4,
                    "GATConv(3, 4, aggr=sum)");
        }
    }

    @Test
    void equivariantToNodeOrderAndInvariantToEdgeOrder() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = randomGraph(m, 2, 7, 3, 12, 0);
            GATConv conv = initialized(builder(3, 2).optHeads(3).build(), m, g);
            assertNodePermutationEquivariant(conv, m, g, 3);
            assertEdgePermutationInvariant(conv, m, g, 4);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = randomGraph(m, 5, 5, 3, 8, 0);
            assertGradientsMatchFiniteDifferences(
                    initialized(builder(3, 2).optHeads(2).build(), m, g), m, g, "att_src", 6);
            assertGradientsMatchFiniteDifferences(
                    initialized(builder(3, 2).optHeads(2).optConcat(false).build(), m, g),
                    m,
                    g,
                    "01linear_weight",
                    7);
        }
    }

    @Test
    void matchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Edges 0→1, 2→1; self loops added. One head, one channel, W = 1 so h = x,
            // a_src = 1, a_dst = 0.5, bias 0.25, LeakyReLU slope 0.2.
            double[] x = {1, 2, -3};
            GraphInput g =
                    new GraphInput(
                            m.create(x, new Shape(3, 1)),
                            edgeIndex(m, new long[] {0, 2}, new long[] {1, 1}),
                            null);
            GATConv conv = initialized(builder(1, 1).build(), m, g);
            setParameter(conv, "01linear_weight", 1);
            setParameter(conv, "att_src", 1);
            setParameter(conv, "att_dst", 0.5);
            setParameter(conv, "bias", 0.25);
            // Nodes 0 and 2 attend only to themselves: x'_i = x_i + b. Node 1 attends to
            // j ∈ {0, 2, 1} with logits LeakyReLU(x_j + 0.5 x_1) and α = softmax(logits).
            double[] j = {0, 2, 1};
            double[] logit = new double[3];
            double denominator = 0;
            for (int k = 0; k < 3; k++) {
                double z = x[(int) j[k]] + 0.5 * x[1];
                logit[k] = z > 0 ? z : 0.2 * z; // 2, -0.4, 3
                denominator += Math.exp(logit[k]);
            }
            double out1 = 0.25;
            for (int k = 0; k < 3; k++) {
                out1 += Math.exp(logit[k]) / denominator * x[(int) j[k]];
            }
            double[] expected = {x[0] + 0.25, out1, x[2] + 0.25};
            assertAllClose(expected, forward(conv, m, g, false), TOLERANCE, "GAT by hand");
        }
    }

    @Test
    void rejectsInvalidGraphs() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertRejectsInvalidGraphs(builder(3, 2).build(), m, 3, 0);
        }
    }

    @Test
    void builderNeedsChannelsAndHeads() {
        assertThrows(
                InvalidArgumentException.class, () -> GATConv.builder().setInChannels(3).build());
        assertThrows(InvalidArgumentException.class, () -> builder(3, 2).optHeads(0).build());
        assertThrows(
                InvalidArgumentException.class,
                () -> builder(3, 2).optAggregation(Aggregation.MEAN).build());
    }
}
