package org.hepgraph.nn;

import static org.hepgraph.nn.LayerAssertions.*;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.nn.LayerAssertions.GraphInput;
import org.junit.jupiter.api.Test;

class GCNConvTest {

    private static GCNConv layer(int in, int out) {
        return GCNConv.builder().setInChannels(in).setOutChannels(out).build();
    }

    @Test
    void shapeAndName() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = randomGraph(m, 1, 6, 3, 10, 0);
            assertShapeAndName(initialized(layer(3, 4), m, g), m, g, 4, "GCNConv(3, 4, aggr=sum)");
        }
    }

    @Test
    void equivariantToNodeOrderAndInvariantToEdgeOrder() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = randomGraph(m, 2, 7, 3, 12, 0);
            GCNConv conv = initialized(layer(3, 4), m, g);
            setParameter(conv, "bias", 0.1, -0.2, 0.3, 0.4);
            assertNodePermutationEquivariant(conv, m, g, 3);
            assertEdgePermutationInvariant(conv, m, g, 4);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = randomGraph(m, 5, 5, 3, 8, 0);
            GCNConv conv = initialized(layer(3, 2), m, g);
            assertGradientsMatchFiniteDifferences(conv, m, g, "01linear_weight", 6);
            GCNConv other = initialized(layer(3, 2), m, g);
            assertGradientsMatchFiniteDifferences(other, m, g, "bias", 7);
        }
    }

    @Test
    void matchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Edges 0→1, 2→1, 1→0. With self loops, d_i = 1 + in-degree(i): d0 = 2, d1 = 3, d2 = 1.
            double[][] x = {{1, 2}, {3, -1}, {-2, 4}};
            GraphInput g =
                    new GraphInput(
                            m.create(new double[] {1, 2, 3, -1, -2, 4}, new Shape(3, 2)),
                            edgeIndex(m, new long[] {0, 2, 1}, new long[] {1, 1, 0}),
                            null);
            GCNConv conv = initialized(layer(2, 2), m, g);
            setParameter(conv, "01linear_weight", 1, 0, 0, 1); // W = identity
            double[] b = {0.5, -1};
            setParameter(conv, "bias", b);
            // x'_i = Σ_{j ∈ N(i) ∪ {i}} x_j / sqrt(d_i d_j) + b
            double d0 = 2;
            double d1 = 3;
            double d2 = 1;
            double[] expected = new double[6];
            for (int f = 0; f < 2; f++) {
                expected[f] = x[0][f] / d0 + x[1][f] / Math.sqrt(d0 * d1) + b[f];
                expected[2 + f] =
                        x[1][f] / d1
                                + x[0][f] / Math.sqrt(d1 * d0)
                                + x[2][f] / Math.sqrt(d1 * d2)
                                + b[f];
                expected[4 + f] = x[2][f] / d2 + b[f];
            }
            assertAllClose(expected, forward(conv, m, g, false), TOLERANCE, "GCN by hand");
        }
    }

    @Test
    void graphWithoutEdgesKeepsOnlySelfLoops() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g =
                    new GraphInput(
                            m.create(new double[] {1, 2, 3, 4}, new Shape(2, 2)),
                            edgeIndex(m, new long[0], new long[0]),
                            null);
            GCNConv conv = initialized(layer(2, 2), m, g);
            setParameter(conv, "01linear_weight", 1, 0, 0, 1);
            // d_i = 1, so x'_i = x_i.
            assertAllClose(new double[] {1, 2, 3, 4}, forward(conv, m, g, false), TOLERANCE, "");
        }
    }

    @Test
    void rejectsInvalidGraphs() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertRejectsInvalidGraphs(layer(3, 2), m, 3, 0);
        }
    }

    @Test
    void builderNeedsChannels() {
        InvalidArgumentException e =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> GCNConv.builder().setInChannels(3).build());
        assertTrue(e.getMessage().contains("GCNConv"), e.getMessage());
        InvalidArgumentException aggr =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> layerBuilder().optAggregation(Aggregation.MAX).build());
        assertTrue(aggr.getMessage().contains("always SUM, got MAX"), aggr.getMessage());
    }

    private static GCNConv.Builder layerBuilder() {
        return GCNConv.builder().setInChannels(3).setOutChannels(2);
    }
}
