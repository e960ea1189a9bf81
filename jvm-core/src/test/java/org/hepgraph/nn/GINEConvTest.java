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

/** What is specific to GINEConv; the shared checks are in {@link LayerContractTest}. */
class GINEConvTest {

    private static final double[] X = {1, -2, 3};
    private static final double[] E = {1, -1, 2};

    private static GINEConv.Builder builder(int in, int out) {
        return GINEConv.builder().setInChannels(in).setOutChannels(out);
    }

    /** Edges 0→1 (e = 1), 2→1 (e = -1), 1→0 (e = 2); one node and one edge feature. */
    private static GraphInput graph(NDManager m) {
        return new GraphInput(
                m.create(X, new Shape(3, 1)),
                edgeIndex(m, new long[] {0, 2, 1}, new long[] {1, 1, 0}),
                m.create(E, new Shape(3, 1)));
    }

    /** The MLP 1 → 1 → 1 of weights 1, −0.5 and biases 0, 1: h ↦ −0.5 relu(h) + 1. */
    private static GINEConv withMlp(GINEConv conv) {
        setParameter(conv, "01mlp_01linear1_weight", 1);
        setParameter(conv, "01mlp_01linear1_bias", 0);
        setParameter(conv, "01mlp_02linear2_weight", -0.5);
        setParameter(conv, "01mlp_02linear2_bias", 1);
        return conv;
    }

    /** −0.5 relu(h) + 1 for h_i = x_i + Σ messages into i, given messages 0→1, 2→1, 1→0. */
    private static double[] expected(double m01, double m21, double m10) {
        double[] h = {X[0] + m10, X[1] + m01 + m21, X[2]};
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            out[i] = -0.5 * Math.max(h[i], 0) + 1;
        }
        return out;
    }

    @Test
    void matchesHandComputationWithEdgeDim() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = graph(m);
            GINEConv conv =
                    withMlp(initialized(builder(1, 1).optEdgeDim(1).optHidden(1).build(), m, g));
            setParameter(conv, "02edge_weight", 2);
            setParameter(conv, "02edge_bias", -1);
            // message j→i = relu(x_j + 2 e_ji - 1)
            double[] expected =
                    expected(
                            Math.max(X[0] + 2 * E[0] - 1, 0),
                            Math.max(X[2] + 2 * E[1] - 1, 0),
                            Math.max(X[1] + 2 * E[2] - 1, 0));
            assertAllClose(expected, forward(conv, m, g, false), TOLERANCE, "GINE by hand");
        }
    }

    @Test
    void withoutEdgeDimTheEdgeFeaturesAreAddedAsTheyAre() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = graph(m);
            GINEConv conv = withMlp(initialized(builder(1, 1).optHidden(1).build(), m, g));
            // message j→i = relu(x_j + e_ji)
            double[] expected =
                    expected(
                            Math.max(X[0] + E[0], 0),
                            Math.max(X[2] + E[1], 0),
                            Math.max(X[1] + E[2], 0));
            assertAllClose(expected, forward(conv, m, g, false), TOLERANCE, "GINE, no edgeDim");
        }
    }

    @Test
    void needsEdgeAttrOfTheRightWidth() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = randomGraph(m, 1, 4, 3, 5, 3);
            GINEConv conv = initialized(builder(3, 2).optEdgeDim(2).build(), m, g);
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
            // Without edgeDim the widths of x and edgeAttr must agree (PyG raises the same).
            GraphInput narrow = randomGraph(m, 1, 4, 3, 5, 2);
            GINEConv plain = initialized(builder(3, 2).build(), m, narrow);
            InvalidGraphException width =
                    assertThrows(
                            InvalidGraphException.class, () -> forward(plain, m, narrow, false));
            assertTrue(width.getMessage().contains("call optEdgeDim(D)"), width.getMessage());
        }
    }

    @Test
    void builderExplainsBadOptions() {
        assertThrows(
                InvalidArgumentException.class,
                () -> GINEConv.builder().optEdgeDim(2).setInChannels(3).build());
        InvalidArgumentException dim =
                assertThrows(
                        InvalidArgumentException.class, () -> builder(3, 2).optEdgeDim(0).build());
        assertTrue(dim.getMessage().contains("edgeDim must be > 0, got 0"), dim.getMessage());
        assertThrows(
                InvalidArgumentException.class,
                () -> builder(3, 2).optAggregation(Aggregation.MAX).build());
    }
}
