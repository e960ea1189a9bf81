package org.hepgraph.nn;

import static org.hepgraph.nn.LayerAssertions.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.nn.LayerAssertions.GraphInput;
import org.junit.jupiter.api.Test;

/** What is specific to GINConv; the shared checks are in {@link LayerContractTest}. */
class GINConvTest {

    private static final double[] X = {1, -2, 3};

    private static GINConv.Builder builder(int in, int out) {
        return GINConv.builder().setInChannels(in).setOutChannels(out);
    }

    /** Edges 0→1, 2→1, 1→0 on one feature. */
    private static GraphInput graph(NDManager m) {
        return new GraphInput(
                m.create(X, new Shape(3, 1)),
                edgeIndex(m, new long[] {0, 2, 1}, new long[] {1, 1, 0}),
                null);
    }

    @Test
    void matchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            // ε = 0.5; MLP 1 → 2 → 1.
            GraphInput g = graph(m);
            GINConv conv = initialized(builder(1, 1).optHidden(2).optEps(0.5f).build(), m, g);
            setParameter(conv, "01mlp_01linear1_weight", 1, -1);
            setParameter(conv, "01mlp_01linear1_bias", 0, 0.25);
            setParameter(conv, "01mlp_02linear2_weight", 2, 3);
            setParameter(conv, "01mlp_02linear2_bias", 0.1);
            // h_i = 1.5 x_i + Σ_{j→i} x_j, then MLP(h) = 2 relu(h) + 3 relu(0.25 - h) + 0.1.
            double[] h = {1.5 * X[0] + X[1], 1.5 * X[1] + X[0] + X[2], 1.5 * X[2]};
            double[] expected = new double[3];
            for (int i = 0; i < 3; i++) {
                expected[i] = 2 * Math.max(h[i], 0) + 3 * Math.max(0.25 - h[i], 0) + 0.1;
            }
            assertAllClose(expected, forward(conv, m, g, false), TOLERANCE, "GIN by hand");
        }
    }

    @Test
    void anyBlockServesAsTheNetworkAndGivesTheOutputWidth() {
        try (NDManager m = NDManager.newBaseManager()) {
            // nn = Linear(1 → 2) with W = [2, -1], b = [0, 1]; outChannels taken from it.
            GraphInput g = graph(m);
            GINConv conv =
                    GINConv.builder()
                            .setInChannels(1)
                            .optNn(Linear.builder().setUnits(2).build())
                            .optTrainEps(true)
                            .optEps(-0.5f)
                            .build();
            assertEquals(2, conv.outChannels());
            initialized(conv, m, g);
            setParameter(conv, "01mlp_weight", 2, -1);
            setParameter(conv, "01mlp_bias", 0, 1);
            double[] h = {0.5 * X[0] + X[1], 0.5 * X[1] + X[0] + X[2], 0.5 * X[2]};
            double[] expected = new double[6];
            for (int i = 0; i < 3; i++) {
                expected[2 * i] = 2 * h[i];
                expected[2 * i + 1] = -h[i] + 1;
            }
            assertAllClose(expected, forward(conv, m, g, false), TOLERANCE, "GIN with Linear nn");
        }
    }

    @Test
    void builderExplainsBadOptions() {
        assertThrows(
                InvalidArgumentException.class, () -> GINConv.builder().setOutChannels(2).build());
        InvalidArgumentException width =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> builder(3, 5).optNn(MLP.builder().setChannels(3, 4).build()).build());
        assertTrue(
                width.getMessage()
                        .contains(
                                "GINConv.builder(): the nn maps [*, 3] to [*, 4] but "
                                        + "outChannels is 5"),
                width.getMessage());
        InvalidArgumentException both =
                assertThrows(
                        InvalidArgumentException.class,
                        () ->
                                builder(3, 4)
                                        .optHidden(8)
                                        .optNn(Linear.builder().setUnits(4).build())
                                        .build());
        assertTrue(both.getMessage().contains("optHidden(8)"), both.getMessage());
    }
}
