package org.hepgraph.nn;

import static org.hepgraph.nn.LayerAssertions.*;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.nn.LayerAssertions.GraphInput;
import org.junit.jupiter.api.Test;

/** What is specific to GCNConv; the shared checks are in {@link LayerContractTest}. */
class GCNConvTest {

    private static GCNConv.Builder builder(int in, int out) {
        return GCNConv.builder().setInChannels(in).setOutChannels(out);
    }

    /** A layer with W = identity and bias b, initialised for g. */
    private static GCNConv identity(GCNConv.Builder b, NDManager m, GraphInput g, double... bias) {
        GCNConv conv = initialized(b.build(), m, g);
        setParameter(conv, "01linear_weight", 1, 0, 0, 1);
        if (bias.length > 0) {
            setParameter(conv, "bias", bias);
        }
        return conv;
    }

    private static GraphInput graph(NDManager m, long[] src, long[] dst, double... weights) {
        return new GraphInput(
                m.create(new double[] {1, 2, 3, -1, -2, 4}, new Shape(3, 2)),
                edgeIndex(m, src, dst),
                weights.length == 0 ? null : m.create(weights));
    }

    private static final double[][] X = {{1, 2}, {3, -1}, {-2, 4}};

    @Test
    void matchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Edges 0→1, 2→1, 1→0. With self loops, d_i = 1 + in-degree(i): d0 = 2, d1 = 3, d2 = 1.
            GraphInput g = graph(m, new long[] {0, 2, 1}, new long[] {1, 1, 0});
            double[] b = {0.5, -1};
            GCNConv conv = identity(builder(2, 2), m, g, b);
            // x'_i = Σ_{j ∈ N(i) ∪ {i}} x_j / sqrt(d_i d_j) + b
            double d0 = 2;
            double d1 = 3;
            double d2 = 1;
            double[] expected = new double[6];
            for (int f = 0; f < 2; f++) {
                expected[f] = X[0][f] / d0 + X[1][f] / Math.sqrt(d0 * d1) + b[f];
                expected[2 + f] =
                        X[1][f] / d1
                                + X[0][f] / Math.sqrt(d1 * d0)
                                + X[2][f] / Math.sqrt(d1 * d2)
                                + b[f];
                expected[4 + f] = X[2][f] / d2 + b[f];
            }
            assertAllClose(expected, forward(conv, m, g, false), TOLERANCE, "GCN by hand");
        }
    }

    @Test
    void existingSelfLoopKeepsItsWeightAndOthersGetOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Edges 0→1 (w 2), 1→1 (w 3, a self loop), 1→0 (w 0.5); remaining loops: 0→0 and
            // 2→2 get 1, 1→1 keeps 3. Weighted in-degrees: d0 = 0.5 + 1, d1 = 2 + 3, d2 = 1.
            GraphInput g = graph(m, new long[] {0, 1, 1}, new long[] {1, 1, 0}, 2, 3, 0.5);
            GCNConv conv = identity(builder(2, 2), m, g);
            double d0 = 1.5;
            double d1 = 5;
            double[] expected = new double[6];
            for (int f = 0; f < 2; f++) {
                expected[f] = X[0][f] / d0 + 0.5 * X[1][f] / Math.sqrt(d0 * d1);
                expected[2 + f] = 3 * X[1][f] / d1 + 2 * X[0][f] / Math.sqrt(d1 * d0);
                expected[4 + f] = X[2][f];
            }
            assertAllClose(expected, forward(conv, m, g, false), TOLERANCE, "remaining loops");
        }
    }

    @Test
    void improvedEqualsSelfLoopsOfWeightTwo() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = graph(m, new long[] {0, 2, 1}, new long[] {1, 1, 0});
            GraphInput looped =
                    graph(
                            m,
                            new long[] {0, 2, 1, 0, 1, 2},
                            new long[] {1, 1, 0, 0, 1, 2},
                            1,
                            1,
                            1,
                            2,
                            2,
                            2);
            NDArray improved =
                    forward(identity(builder(2, 2).optImproved(true), m, g), m, g, false);
            NDArray manual = forward(identity(builder(2, 2), m, looped), m, looped, false);
            assertAllClose(manual, improved, TOLERANCE, "improved = loops of weight 2");
        }
    }

    @Test
    void withoutNormalisationIsAPlainWeightedSum() {
        try (NDManager m = NDManager.newBaseManager()) {
            // No self loops are added: x'_i = Σ_{j→i} w_ji x_j + b; node 2 receives nothing.
            GraphInput g = graph(m, new long[] {0, 2, 1}, new long[] {1, 1, 0}, 2, -1, 0.5);
            double[] b = {0.5, -1};
            GCNConv conv = identity(builder(2, 2).optNormalize(false), m, g, b);
            double[] expected = new double[6];
            for (int f = 0; f < 2; f++) {
                expected[f] = 0.5 * X[1][f] + b[f];
                expected[2 + f] = 2 * X[0][f] - X[2][f] + b[f];
                expected[4 + f] = b[f];
            }
            assertAllClose(expected, forward(conv, m, g, false), TOLERANCE, "weighted sum");
        }
    }

    @Test
    void withoutSelfLoopsNormalisesTheGivenEdges() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Edges 0→1 (w 2), 2→1 (w 2), 1→0 (w 4): d0 = 4, d1 = 4, d2 = 0 (1/sqrt(0) taken as 0).
            GraphInput g = graph(m, new long[] {0, 2, 1}, new long[] {1, 1, 0}, 2, 2, 4);
            GCNConv conv = identity(builder(2, 2).optAddSelfLoops(false), m, g);
            double[] expected = new double[6];
            for (int f = 0; f < 2; f++) {
                expected[f] = 4 * X[1][f] / 4;
                expected[2 + f] = 2 * X[0][f] / 4; // the edge from node 2 has 1/sqrt(d2) = 0
            }
            assertAllClose(expected, forward(conv, m, g, false), TOLERANCE, "no self loops");
        }
    }

    @Test
    void graphWithoutEdgesKeepsOnlySelfLoops() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = graph(m, new long[0], new long[0]);
            // d_i = 1, so x'_i = x_i.
            assertAllClose(
                    new double[] {1, 2, 3, -1, -2, 4},
                    forward(identity(builder(2, 2), m, g), m, g, false),
                    TOLERANCE,
                    "no edges");
        }
    }

    @Test
    void biasFalseLearnsNoBias() {
        GCNConv conv = builder(2, 2).optBias(false).build();
        assertFalse(
                conv.getParameters().keys().contains("bias"),
                conv.getParameters().keys().toString());
        assertTrue(builder(2, 2).build().getParameters().keys().contains("bias"));
    }

    @Test
    void edgeWeightMustHaveOneValuePerEdge() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = randomGraph(m, 1, 4, 2, 5, 2);
            GCNConv conv = initialized(builder(2, 2).build(), m, g);
            InvalidGraphException e =
                    assertThrows(InvalidGraphException.class, () -> forward(conv, m, g, false));
            assertTrue(
                    e.getMessage().contains("GCNConv: the third input is the edge weight"),
                    e.getMessage());
        }
    }

    @Test
    void builderExplainsBadOptions() {
        InvalidArgumentException e =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> GCNConv.builder().setInChannels(3).build());
        assertTrue(e.getMessage().contains("GCNConv"), e.getMessage());
        InvalidArgumentException aggr =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> builder(3, 2).optAggregation(Aggregation.MAX).build());
        assertTrue(aggr.getMessage().contains("always SUM, got MAX"), aggr.getMessage());
        InvalidArgumentException loops =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> builder(3, 2).optNormalize(false).optAddSelfLoops(true).build());
        assertTrue(
                loops.getMessage().contains("addSelfLoops=true needs normalize=true"),
                loops.getMessage());
    }
}
