package org.hepgraph.nn;

import static org.hepgraph.nn.LayerAssertions.*;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.nn.LayerAssertions.GraphInput;
import org.junit.jupiter.api.Test;

class GINEConvTest {

    private static GINEConv layer(int in, int out, int edgeDim) {
        return GINEConv.builder().setInChannels(in).setOutChannels(out).setEdgeDim(edgeDim).build();
    }

    @Test
    void shapeAndName() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = randomGraph(m, 1, 6, 3, 10, 2);
            assertShapeAndName(
                    initialized(layer(3, 4, 2), m, g), m, g, 4, "GINEConv(3, 4, aggr=sum)");
        }
    }

    @Test
    void equivariantToNodeOrderAndInvariantToEdgeOrder() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = randomGraph(m, 2, 7, 3, 12, 2);
            GINEConv conv = initialized(layer(3, 4, 2), m, g);
            assertNodePermutationEquivariant(conv, m, g, 3);
            assertEdgePermutationInvariant(conv, m, g, 4);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = randomGraph(m, 5, 5, 3, 8, 2);
            GINEConv conv =
                    initialized(
                            GINEConv.builder()
                                    .setInChannels(3)
                                    .setOutChannels(2)
                                    .setEdgeDim(2)
                                    .optHidden(8)
                                    .build(),
                            m,
                            g);
            assertGradientsMatchFiniteDifferences(conv, m, g, "02edge_weight", 6);
        }
    }

    @Test
    void matchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Edges 0→1 (e = 1), 2→1 (e = -1), 1→0 (e = 2); one node and one edge feature; ε = 0.
            double[] x = {1, -2, 3};
            double[] e = {1, -1, 2};
            GraphInput g =
                    new GraphInput(
                            m.create(x, new Shape(3, 1)),
                            edgeIndex(m, new long[] {0, 2, 1}, new long[] {1, 1, 0}),
                            m.create(e, new Shape(3, 1)));
            GINEConv conv =
                    initialized(
                            GINEConv.builder()
                                    .setInChannels(1)
                                    .setOutChannels(1)
                                    .setEdgeDim(1)
                                    .optHidden(1)
                                    .build(),
                            m,
                            g);
            setParameter(conv, "02edge_weight", 2);
            setParameter(conv, "02edge_bias", -1);
            setParameter(conv, "01mlp_01linear1_weight", 1);
            setParameter(conv, "01mlp_01linear1_bias", 0);
            setParameter(conv, "01mlp_02linear2_weight", -0.5);
            setParameter(conv, "01mlp_02linear2_bias", 1);
            // message j→i = relu(x_j + 2 e_ji - 1); h_i = x_i + Σ messages;
            // MLP(h) = -0.5 relu(h) + 1.
            double m01 = Math.max(x[0] + 2 * e[0] - 1, 0); // 2
            double m21 = Math.max(x[2] + 2 * e[1] - 1, 0); // 0
            double m10 = Math.max(x[1] + 2 * e[2] - 1, 0); // 1
            double[] h = {x[0] + m10, x[1] + m01 + m21, x[2]};
            double[] expected = new double[3];
            for (int i = 0; i < 3; i++) {
                expected[i] = -0.5 * Math.max(h[i], 0) + 1;
            }
            assertAllClose(expected, forward(conv, m, g, false), TOLERANCE, "GINE by hand");
        }
    }

    @Test
    void rejectsInvalidGraphs() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertRejectsInvalidGraphs(layer(3, 2, 2), m, 3, 2);
        }
    }

    @Test
    void needsEdgeAttrOfTheRightWidth() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = randomGraph(m, 1, 4, 3, 5, 3);
            GINEConv conv = initialized(layer(3, 2, 2), m, g);
            InvalidGraphException e =
                    assertThrows(InvalidGraphException.class, () -> forward(conv, m, g, false));
            assertTrue(e.getMessage().contains("edgeAttr [E, 2]"), e.getMessage());
            GraphInput noAttr = new GraphInput(g.x(), g.edgeIndex(), null);
            assertThrows(InvalidGraphException.class, () -> forward(conv, m, noAttr, false));
            GraphInput shortAttr =
                    new GraphInput(g.x(), g.edgeIndex(), normal(m, new Random(2), 3, 2));
            InvalidGraphException rows =
                    assertThrows(
                            InvalidGraphException.class, () -> forward(conv, m, shortAttr, false));
            assertTrue(
                    rows.getMessage().contains("edgeAttr has 3 rows but edgeIndex has 5 edges"),
                    rows.getMessage());
        }
    }

    @Test
    void builderNeedsChannelsAndEdgeDim() {
        assertThrows(
                InvalidArgumentException.class,
                () -> GINEConv.builder().setEdgeDim(2).setInChannels(3).build());
        assertThrows(
                InvalidArgumentException.class,
                () -> GINEConv.builder().setInChannels(3).setOutChannels(2).build());
        assertThrows(
                InvalidArgumentException.class,
                () ->
                        GINEConv.builder()
                                .setInChannels(3)
                                .setOutChannels(2)
                                .setEdgeDim(2)
                                .optAggregation(Aggregation.MAX)
                                .build());
    }
}
