package org.hepgraph.nn;

import static org.hepgraph.nn.LayerAssertions.*;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.nn.LayerAssertions.GraphInput;
import org.junit.jupiter.api.Test;

/** What is specific to EdgeConv; the shared checks are in {@link LayerContractTest}. */
class EdgeConvTest {

    private static EdgeConv.Builder builder(int in, int out) {
        return EdgeConv.builder().setInChannels(in).setOutChannels(out);
    }

    @Test
    void matchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Edges 0→1, 2→1, 3→1, 1→0; nodes 2 and 3 receive nothing. MLP [2, 1, 1] with
            // W1 = [0.5, 1], W2 = 1, biases 0, so h(x_i ‖ x_j − x_i) = relu(x_j − 0.5 x_i).
            double[] x = {1, 2, 5, -1};
            GraphInput g =
                    new GraphInput(
                            m.create(x, new Shape(4, 1)),
                            edgeIndex(m, new long[] {0, 2, 3, 1}, new long[] {1, 1, 1, 0}),
                            null);
            EdgeConv conv = initialized(builder(1, 1).optHidden(1).build(), m, g);
            setParameter(conv, "01mlp_01linear1_weight", 0.5, 1);
            setParameter(conv, "01mlp_01linear1_bias", 0);
            setParameter(conv, "01mlp_02linear2_weight", 1);
            setParameter(conv, "01mlp_02linear2_bias", 0);
            // x'_i = max_{j→i} relu(x_j − 0.5 x_i); a node without incoming edges gets 0.
            double[] expected = {
                Math.max(x[1] - 0.5 * x[0], 0),
                Math.max(
                        Math.max(x[0] - 0.5 * x[1], x[2] - 0.5 * x[1]),
                        Math.max(x[3] - 0.5 * x[1], 0)),
                0,
                0
            };
            assertAllClose(expected, forward(conv, m, g, false), TOLERANCE, "EdgeConv by hand");
        }
    }

    @Test
    void graphWithoutEdgesGivesZeros() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g =
                    new GraphInput(
                            m.create(new double[] {1, 2, 3, 4, 5, 6}, new Shape(3, 2)),
                            edgeIndex(m, new long[0], new long[0]),
                            null);
            for (Aggregation a : Aggregation.values()) {
                EdgeConv conv = initialized(builder(2, 4).optAggregation(a).build(), m, g);
                assertAllClose(new double[12], forward(conv, m, g, false), 0, "no edges, " + a);
            }
        }
    }

    @Test
    void anyBlockServesAsTheNetwork() {
        try (NDManager m = NDManager.newBaseManager()) {
            // h_Θ = Linear(2 → 1) with W = [1, 2], b = 0.5: x'_i = max_{j→i} x_i + 2 (x_j − x_i) +
            // 0.5.
            double[] x = {1, 2, 5};
            GraphInput g =
                    new GraphInput(
                            m.create(x, new Shape(3, 1)),
                            edgeIndex(m, new long[] {0, 2, 1}, new long[] {1, 1, 0}),
                            null);
            EdgeConv conv =
                    initialized(
                            EdgeConv.builder()
                                    .setInChannels(1)
                                    .optNn(Linear.builder().setUnits(1).build())
                                    .build(),
                            m,
                            g);
            setParameter(conv, "01mlp_weight", 1, 2);
            setParameter(conv, "01mlp_bias", 0.5);
            double[] expected = {
                2 * x[1] - x[0] + 0.5, Math.max(2 * x[0] - x[1], 2 * x[2] - x[1]) + 0.5, 0
            };
            assertAllClose(expected, forward(conv, m, g, false), TOLERANCE, "EdgeConv with Linear");
        }
    }

    @Test
    void builderNeedsChannels() {
        assertThrows(InvalidArgumentException.class, () -> EdgeConv.builder().build());
    }
}
