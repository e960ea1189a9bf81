package org.hepgraph.nn;

import static org.hepgraph.nn.LayerAssertions.*;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.nn.LayerAssertions.GraphInput;
import org.junit.jupiter.api.Test;

class GINConvTest {

    private static GINConv.Builder builder(int in, int out) {
        return GINConv.builder().setInChannels(in).setOutChannels(out);
    }

    @Test
    void shapeAndName() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = randomGraph(m, 1, 6, 3, 10, 0);
            assertShapeAndName(
                    initialized(builder(3, 4).optHidden(8).build(), m, g),
                    m,
                    g,
                    4,
                    "GINConv(3, 4, aggr=sum)");
            assertShapeAndName(
                    initialized(builder(3, 2).optAggregation(Aggregation.MAX).build(), m, g),
                    m,
                    g,
                    2,
                    "GINConv(3, 2, aggr=max)");
        }
    }

    @Test
    void equivariantToNodeOrderAndInvariantToEdgeOrder() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = randomGraph(m, 2, 7, 3, 12, 0);
            for (Aggregation a : Aggregation.values()) {
                GINConv conv = initialized(builder(3, 4).optAggregation(a).build(), m, g);
                assertNodePermutationEquivariant(conv, m, g, 3);
                assertEdgePermutationInvariant(conv, m, g, 4);
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = randomGraph(m, 5, 5, 3, 8, 0);
            assertGradientsMatchFiniteDifferences(
                    initialized(builder(3, 2).optEps(0.3f).build(), m, g),
                    m,
                    g,
                    "01mlp_01linear1_weight",
                    6);
            GINConv trainable = initialized(builder(3, 2).optTrainEps(true).build(), m, g);
            assertGradientsMatchFiniteDifferences(trainable, m, g, "eps", 7);
        }
    }

    @Test
    void matchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Edges 0→1, 2→1, 1→0; ε = 0.5; one feature; MLP 1 → 2 → 1.
            double[] x = {1, -2, 3};
            GraphInput g =
                    new GraphInput(
                            m.create(x, new Shape(3, 1)),
                            edgeIndex(m, new long[] {0, 2, 1}, new long[] {1, 1, 0}),
                            null);
            GINConv conv = initialized(builder(1, 1).optHidden(2).optEps(0.5f).build(), m, g);
            setParameter(conv, "01mlp_01linear1_weight", 1, -1);
            setParameter(conv, "01mlp_01linear1_bias", 0, 0.25);
            setParameter(conv, "01mlp_02linear2_weight", 2, 3);
            setParameter(conv, "01mlp_02linear2_bias", 0.1);
            // h_i = 1.5 x_i + Σ_{j→i} x_j, then MLP(h) = 2 relu(h) + 3 relu(0.25 - h) + 0.1.
            double[] h = {1.5 * x[0] + x[1], 1.5 * x[1] + x[0] + x[2], 1.5 * x[2]};
            double[] expected = new double[3];
            for (int i = 0; i < 3; i++) {
                expected[i] = 2 * Math.max(h[i], 0) + 3 * Math.max(0.25 - h[i], 0) + 0.1;
            }
            assertAllClose(expected, forward(conv, m, g, false), TOLERANCE, "GIN by hand");
        }
    }

    @Test
    void rejectsInvalidGraphs() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertRejectsInvalidGraphs(builder(3, 2).build(), m, 3, 0);
        }
    }

    @Test
    void builderNeedsChannels() {
        assertThrows(
                InvalidArgumentException.class, () -> GINConv.builder().setOutChannels(2).build());
    }
}
