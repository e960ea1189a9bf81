package org.hepgraph.nn;

import static org.hepgraph.nn.LayerAssertions.*;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.nn.LayerAssertions.GraphInput;
import org.junit.jupiter.api.Test;

/** What is specific to GATConv; the shared checks are in {@link LayerContractTest}. */
class GATConvTest {

    private static final double[] X = {1, 2, -3};

    private static GATConv.Builder builder(int in, int out) {
        return GATConv.builder().setInChannels(in).setOutChannels(out);
    }

    /** One head, one channel: W = 1 (h = x), a_src = 1, a_dst = 0.5, bias 0.25. */
    private static GATConv scalarLayer(GATConv.Builder b, NDManager m, GraphInput g) {
        GATConv conv = initialized(b.build(), m, g);
        setParameter(conv, "01linear_weight", 1);
        setParameter(conv, "att_src", 1);
        setParameter(conv, "att_dst", 0.5);
        setParameter(conv, "bias", 0.25);
        return conv;
    }

    private static GraphInput graph(NDManager m, long[] src, long[] dst, double... attr) {
        return new GraphInput(
                m.create(X, new Shape(3, 1)),
                edgeIndex(m, src, dst),
                attr.length == 0 ? null : m.create(attr, new Shape(attr.length, 1)));
    }

    /** Σ_k softmax(logits)_k x[j_k] + 0.25, with LeakyReLU(0.2) applied to the logits. */
    private static double attend(int[] j, double[] z) {
        double denominator = 0;
        double[] logit = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            logit[k] = z[k] > 0 ? z[k] : 0.2 * z[k];
            denominator += Math.exp(logit[k]);
        }
        double out = 0.25;
        for (int k = 0; k < z.length; k++) {
            out += Math.exp(logit[k]) / denominator * X[j[k]];
        }
        return out;
    }

    @Test
    void matchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Edges 0→1, 2→1; self loops added. Nodes 0 and 2 attend only to themselves:
            // x'_i = x_i + b. Node 1 attends to j ∈ {0, 2, 1} with logits x_j + 0.5 x_1.
            GraphInput g = graph(m, new long[] {0, 2}, new long[] {1, 1});
            GATConv conv = scalarLayer(builder(1, 1), m, g);
            int[] j = {0, 2, 1};
            double[] z = Arrays.stream(j).mapToDouble(k -> X[k] + 0.5 * X[1]).toArray();
            double[] expected = {X[0] + 0.25, attend(j, z), X[2] + 0.25};
            assertAllClose(expected, forward(conv, m, g, false), TOLERANCE, "GAT by hand");
        }
    }

    @Test
    void withoutSelfLoopsANodeAttendsOnlyToItsNeighbours() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = graph(m, new long[] {0, 2}, new long[] {1, 1});
            GATConv conv = scalarLayer(builder(1, 1).optAddSelfLoops(false), m, g);
            int[] j = {0, 2};
            double[] z = Arrays.stream(j).mapToDouble(k -> X[k] + 0.5 * X[1]).toArray();
            // Nodes 0 and 2 receive nothing: only the bias.
            double[] expected = {0.25, attend(j, z), 0.25};
            assertAllClose(expected, forward(conv, m, g, false), TOLERANCE, "no self loops");
        }
    }

    @Test
    void existingSelfLoopsAreReplacedByOnePerNode() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput plain = graph(m, new long[] {0, 2}, new long[] {1, 1});
            GraphInput twice = graph(m, new long[] {0, 1, 2, 1}, new long[] {1, 1, 1, 1});
            GATConv conv = initialized(builder(1, 2).optHeads(2).build(), m, plain);
            assertAllClose(
                    forward(conv, m, plain, false),
                    forward(conv, m, twice, false),
                    TOLERANCE,
                    "duplicate self loops removed");
        }
    }

    @Test
    void edgeFeaturesEnterTheLogitsAndLoopsGetTheMeanOfTheIncomingOnes() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Edges 0→1 (e 1), 2→1 (e −2). Self-loop features: node 1 the mean −0.5, nodes 0 and
            // 2 (no incoming edges) 0. W_e = 1, a_edge = 2: the logits gain 2 e_ji.
            GraphInput g = graph(m, new long[] {0, 2}, new long[] {1, 1}, 1, -2);
            GATConv conv = scalarLayer(builder(1, 1).optEdgeDim(1), m, g);
            setParameter(conv, "02edge_weight", 1);
            setParameter(conv, "att_edge", 2);
            int[] j = {0, 2, 1};
            double[] e = {1, -2, -0.5};
            double[] z = new double[3];
            for (int k = 0; k < 3; k++) {
                z[k] = X[j[k]] + 0.5 * X[1] + 2 * e[k];
            }
            double[] expected = {X[0] + 0.25, attend(j, z), X[2] + 0.25};
            assertAllClose(expected, forward(conv, m, g, false), TOLERANCE, "GAT with edgeDim");
        }
    }

    @Test
    void attentionDropoutActsOnlyInTraining() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = randomGraph(m, 3, 8, 3, 20, 0);
            GATConv plain = initialized(builder(3, 4).build(), m, g);
            GATConv dropped = initialized(builder(3, 4).optDropout(0.5f).build(), m, g);
            NDArray reference = forward(plain, m, g, false);
            assertAllClose(reference, forward(dropped, m, g, false), TOLERANCE, "inference");
            double[] trained = forward(dropped, m, g, true).toDoubleArray();
            assertFalse(
                    Arrays.equals(reference.toDoubleArray(), trained),
                    "dropout 0.5 in training left every output unchanged");
        }
    }

    @Test
    void edgeDimWithoutEdgeAttrIsExplained() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = randomGraph(m, 1, 4, 3, 5, 0);
            GATConv conv = initialized(builder(3, 2).optEdgeDim(2).build(), m, g);
            InvalidGraphException e =
                    assertThrows(InvalidGraphException.class, () -> forward(conv, m, g, false));
            assertTrue(e.getMessage().contains("edgeDim is 2 but no edgeAttr"), e.getMessage());
            GraphInput wrong = randomGraph(m, 1, 4, 3, 5, 3);
            InvalidGraphException w =
                    assertThrows(InvalidGraphException.class, () -> forward(conv, m, wrong, false));
            assertTrue(
                    w.getMessage().contains("has shape (5, 3) but edgeDim is 2"), w.getMessage());
        }
    }

    @Test
    void biasFalseLearnsNoBias() {
        assertFalse(builder(3, 2).optBias(false).build().getParameters().keys().contains("bias"));
    }

    @Test
    void builderExplainsBadOptions() {
        assertThrows(
                InvalidArgumentException.class, () -> GATConv.builder().setInChannels(3).build());
        assertThrows(InvalidArgumentException.class, () -> builder(3, 2).optHeads(0).build());
        assertThrows(
                InvalidArgumentException.class,
                () -> builder(3, 2).optAggregation(Aggregation.MEAN).build());
        InvalidArgumentException p =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> builder(3, 2).optDropout(1.5f).build());
        assertTrue(p.getMessage().contains("dropout must lie in [0, 1), got 1.5"), p.getMessage());
        InvalidArgumentException d =
                assertThrows(
                        InvalidArgumentException.class, () -> builder(3, 2).optEdgeDim(0).build());
        assertTrue(d.getMessage().contains("edgeDim must be > 0, got 0"), d.getMessage());
    }
}
