package org.hepgraph.nn;

import static org.hepgraph.nn.LayerAssertions.*;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.nn.LayerAssertions.GraphInput;
import org.junit.jupiter.api.Test;

/** What is specific to SAGEConv; the shared checks are in {@link LayerContractTest}. */
class SAGEConvTest {

    private static final double[] X = {1, -2, 3};

    private static SAGEConv.Builder builder(int in, int out) {
        return SAGEConv.builder().setInChannels(in).setOutChannels(out);
    }

    /** Edges 0→1, 2→1, 1→0 on one feature; node 2 receives nothing (aggregates to 0). */
    private static GraphInput graph(NDManager m) {
        return new GraphInput(
                m.create(X, new Shape(3, 1)),
                edgeIndex(m, new long[] {0, 2, 1}, new long[] {1, 1, 0}),
                null);
    }

    /** W_2 = 2, b = 0.5, W_1 = −1 where the layer has them. */
    private static SAGEConv known(SAGEConv.Builder b, NDManager m, GraphInput g) {
        SAGEConv conv = initialized(b.build(), m, g);
        setParameter(conv, "01neighbour_weight", 2);
        if (conv.getParameters().keys().contains("01neighbour_bias")) {
            setParameter(conv, "01neighbour_bias", 0.5);
        }
        if (conv.getParameters().keys().contains("02root_weight")) {
            setParameter(conv, "02root_weight", -1);
        }
        return conv;
    }

    @Test
    void matchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            // x'_i = 2 · mean_{j→i} x_j + 0.5 − x_i
            double[] expected = {
                2 * X[1] + 0.5 - X[0], 2 * (X[0] + X[2]) / 2 + 0.5 - X[1], 0.5 - X[2]
            };
            GraphInput g = graph(m);
            assertAllClose(
                    expected, forward(known(builder(1, 1), m, g), m, g, false), TOLERANCE, "mean");
        }
    }

    @Test
    void sumAndMaxAggregation() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = graph(m);
            double[] sum = {2 * X[1] + 0.5 - X[0], 2 * (X[0] + X[2]) + 0.5 - X[1], 0.5 - X[2]};
            double[] max = {
                2 * X[1] + 0.5 - X[0], 2 * Math.max(X[0], X[2]) + 0.5 - X[1], 0.5 - X[2]
            };
            SAGEConv s = known(builder(1, 1).optAggregation(Aggregation.SUM), m, g);
            SAGEConv x = known(builder(1, 1).optAggregation(Aggregation.MAX), m, g);
            assertAllClose(sum, forward(s, m, g, false), TOLERANCE, "sum");
            assertAllClose(max, forward(x, m, g, false), TOLERANCE, "max");
        }
    }

    @Test
    void withoutRootWeightOrBiasOnlyTheNeighboursRemain() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = graph(m);
            SAGEConv noRoot = known(builder(1, 1).optRootWeight(false), m, g);
            SAGEConv noBias = known(builder(1, 1).optBias(false), m, g);
            assertAllClose(
                    new double[] {2 * X[1] + 0.5, X[0] + X[2] + 0.5, 0.5},
                    forward(noRoot, m, g, false),
                    TOLERANCE,
                    "rootWeight=false");
            assertAllClose(
                    new double[] {2 * X[1] - X[0], X[0] + X[2] - X[1], -X[2]},
                    forward(noBias, m, g, false),
                    TOLERANCE,
                    "bias=false");
        }
    }

    @Test
    void projectMapsTheNeighboursBeforeAggregating() {
        try (NDManager m = NDManager.newBaseManager()) {
            // p(x) = relu(3 x − 1): p(x_0) = 2, p(x_1) = 0, p(x_2) = 8; the root term uses x.
            GraphInput g = graph(m);
            SAGEConv conv = known(builder(1, 1).optProject(true), m, g);
            setParameter(conv, "03project_weight", 3);
            setParameter(conv, "03project_bias", -1);
            double[] expected = {2 * 0 + 0.5 - X[0], 2 * (2 + 8) / 2.0 + 0.5 - X[1], 0.5 - X[2]};
            assertAllClose(expected, forward(conv, m, g, false), TOLERANCE, "project");
        }
    }

    @Test
    void normalizeGivesUnitRows() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = randomGraph(m, 4, 6, 3, 10, 0);
            double[] plain =
                    forward(initialized(builder(3, 4).build(), m, g), m, g, false).toDoubleArray();
            SAGEConv unit = initialized(builder(3, 4).optNormalize(true).build(), m, g);
            double[] expected = new double[plain.length];
            for (int row = 0; row < 6; row++) {
                double norm = 0;
                for (int f = 0; f < 4; f++) {
                    norm += plain[4 * row + f] * plain[4 * row + f];
                }
                for (int f = 0; f < 4; f++) {
                    expected[4 * row + f] = plain[4 * row + f] / Math.sqrt(norm);
                }
            }
            assertAllClose(expected, forward(unit, m, g, false), TOLERANCE, "normalize");
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
            // No messages: x'_i = 2 · 0 + 0.5 − x_i.
            assertAllClose(
                    new double[] {-0.5, 2.5},
                    forward(known(builder(1, 1), m, g), m, g, false),
                    TOLERANCE,
                    "no edges");
        }
    }

    @Test
    void builderNeedsChannels() {
        assertThrows(
                InvalidArgumentException.class, () -> SAGEConv.builder().setInChannels(1).build());
    }
}
