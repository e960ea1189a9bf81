package org.hepgraph.nn;

import static org.hepgraph.nn.LayerAssertions.*;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.nn.LayerAssertions.GraphInput;
import org.junit.jupiter.api.Test;

class SAGEConvTest {

    private static SAGEConv.Builder builder(int in, int out) {
        return SAGEConv.builder().setInChannels(in).setOutChannels(out);
    }

    @Test
    void shapeAndName() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = randomGraph(m, 1, 6, 3, 10, 0);
            assertShapeAndName(
                    initialized(builder(3, 4).build(), m, g), m, g, 4, "SAGEConv(3, 4, aggr=mean)");
        }
    }

    @Test
    void equivariantToNodeOrderAndInvariantToEdgeOrder() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = randomGraph(m, 2, 7, 3, 12, 0);
            for (Aggregation a : Aggregation.values()) {
                SAGEConv conv = initialized(builder(3, 4).optAggregation(a).build(), m, g);
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
                    initialized(builder(3, 2).build(), m, g), m, g, "01neighbour_weight", 6);
            assertGradientsMatchFiniteDifferences(
                    initialized(builder(3, 2).optAggregation(Aggregation.MAX).build(), m, g),
                    m,
                    g,
                    "02root_weight",
                    7);
        }
    }

    @Test
    void matchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Edges 0→1, 2→1, 1→0; node 2 receives nothing (mean of no messages = 0).
            double[] x = {1, -2, 3};
            GraphInput g =
                    new GraphInput(
                            m.create(x, new Shape(3, 1)),
                            edgeIndex(m, new long[] {0, 2, 1}, new long[] {1, 1, 0}),
                            null);
            SAGEConv conv = initialized(builder(1, 1).build(), m, g);
            setParameter(conv, "01neighbour_weight", 2);
            setParameter(conv, "01neighbour_bias", 0.5);
            setParameter(conv, "02root_weight", -1);
            // x'_i = 2 · mean_{j→i} x_j + 0.5 − x_i
            double[] expected = {
                2 * x[1] + 0.5 - x[0], 2 * (x[0] + x[2]) / 2 + 0.5 - x[1], 0.5 - x[2]
            };
            assertAllClose(expected, forward(conv, m, g, false), TOLERANCE, "SAGE by hand");
        }
    }

    @Test
    void graphWithoutEdgesKeepsOnlyTheRootTerm() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g =
                    new GraphInput(
                            m.create(new double[] {1, -2}, new Shape(2, 1)),
                            edgeIndex(m, new long[0], new long[0]),
                            null);
            SAGEConv conv = initialized(builder(1, 1).build(), m, g);
            setParameter(conv, "01neighbour_weight", 2);
            setParameter(conv, "01neighbour_bias", 0.5);
            setParameter(conv, "02root_weight", -1);
            // No messages: x'_i = 2 · 0 + 0.5 − x_i.
            assertAllClose(
                    new double[] {-0.5, 2.5}, forward(conv, m, g, false), TOLERANCE, "no edges");
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
                InvalidArgumentException.class, () -> SAGEConv.builder().setInChannels(1).build());
    }
}
