package org.hepgraph.nn;

import static org.hepgraph.nn.LayerAssertions.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.nn.LayerAssertions.GraphInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every message-passing layer meets, for each layer and each option combination in
 * {@link #cases()}: output shape and {@code toString()}, a forward pass in a batch scope that
 * leaves nothing in the long-lived manager, node-permutation equivariance, edge-permutation
 * invariance, float64 gradients against central differences for {@code x} and one parameter, and
 * the same errors for broken graphs. The per-layer test classes hold only what is specific to a
 * layer (hand-computed outputs, option semantics, error messages).
 *
 * <p>The graphs are random with two self loops (nodes 0 and 3), so that the self-loop handling of
 * GCN and GAT is part of every check. Everything runs in float64, so finite differences are
 * accurate to ~1e-9 and the tolerances are far from the size of any real error.
 */
class LayerContractTest {

    /** {@code edgeDim} of a case whose third input is a positive edge weight {@code [E]}. */
    private static final int WEIGHTS = -1;

    /**
     * One layer configuration.
     *
     * @param label what the test report shows
     * @param build a fresh, uninitialised layer
     * @param in input width
     * @param out output width
     * @param edgeDim width of edgeAttr (0: none, {@link #WEIGHTS}: edge weights)
     * @param parameter the parameter whose gradient is checked
     * @param name the expected {@code toString()}
     */
    record Case(
            String label,
            Supplier<Block> build,
            int in,
            long out,
            int edgeDim,
            String parameter,
            String name) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                gcn("default", b -> b, 0, "01linear_weight"),
                gcn("weights", b -> b, WEIGHTS, "bias"),
                gcn("improved", b -> b.optImproved(true), WEIGHTS, "01linear_weight"),
                gcn("no self loops", b -> b.optAddSelfLoops(false), WEIGHTS, "01linear_weight"),
                gcn("normalize=false", b -> b.optNormalize(false), WEIGHTS, "01linear_weight"),
                gcn("bias=false", b -> b.optBias(false), 0, "01linear_weight"),
                gat("2 heads", b -> b.optHeads(2), 0, 8, "att_src"),
                gat("mean of heads", b -> b.optHeads(2).optConcat(false), 0, 4, "01linear_weight"),
                gat("edgeDim", b -> b.optHeads(2).optEdgeDim(2), 2, 8, "att_edge"),
                gat("edgeDim 1-D", b -> b.optEdgeDim(1), WEIGHTS, 4, "02edge_weight"),
                gat("no self loops", b -> b.optAddSelfLoops(false), 0, 4, "att_dst"),
                gat("dropout", b -> b.optDropout(0.5f).optNegativeSlope(0.1f), 0, 4, "att_src"),
                gat("bias=false", b -> b.optBias(false), 0, 4, "01linear_weight"),
                gin("sum", b -> b.optHidden(8).optEps(0.3f), "01mlp_01linear1_weight", "sum"),
                gin(
                        "mean",
                        b -> b.optAggregation(Aggregation.MEAN),
                        "01mlp_01linear1_weight",
                        "mean"),
                gin("max", b -> b.optAggregation(Aggregation.MAX), "01mlp_01linear1_weight", "max"),
                gin("trainEps", b -> b.optTrainEps(true), "eps", "sum"),
                gin(
                        "batch-norm MLP",
                        b -> b.optNn(mlp(3, MLP.Norm.BATCH_NORM)),
                        "01mlp_02norm1_gamma",
                        "sum"),
                gin(
                        "layer-norm MLP",
                        b -> b.optNn(mlp(3, MLP.Norm.LAYER_NORM)),
                        "01mlp_02norm1_weight",
                        "sum"),
                gin(
                        "Linear nn",
                        b -> b.optNn(Linear.builder().setUnits(4).build()),
                        "01mlp_weight",
                        "sum"),
                gine("edgeDim", b -> b.optEdgeDim(2).optHidden(8), 2, "02edge_weight"),
                gine("no edgeDim", b -> b.optEps(0.5f), 3, "01mlp_02linear2_weight"),
                gine("trainEps", b -> b.optEdgeDim(2).optTrainEps(true), 2, "eps"),
                edge("max", b -> b.optHidden(8), "01mlp_01linear1_weight", "max"),
                edge(
                        "sum",
                        b -> b.optAggregation(Aggregation.SUM),
                        "01mlp_02linear2_weight",
                        "sum"),
                edge(
                        "mean",
                        b -> b.optAggregation(Aggregation.MEAN),
                        "01mlp_01linear1_bias",
                        "mean"),
                edge(
                        "MLP nn",
                        b -> b.optNn(mlp(6, MLP.Norm.BATCH_NORM)),
                        "01mlp_01linear1_weight",
                        "max"),
                sage("mean", b -> b, "01neighbour_weight", "mean"),
                sage("max", b -> b.optAggregation(Aggregation.MAX), "02root_weight", "max"),
                sage("sum", b -> b.optAggregation(Aggregation.SUM), "01neighbour_bias", "sum"),
                sage("normalize", b -> b.optNormalize(true), "02root_weight", "mean"),
                sage("no root weight", b -> b.optRootWeight(false), "01neighbour_weight", "mean"),
                sage("project", b -> b.optProject(true), "03project_weight", "mean"),
                sage("bias=false", b -> b.optBias(false), "01neighbour_weight", "mean"));
    }

    private static MLP mlp(int in, MLP.Norm norm) {
        return MLP.builder().setChannels(in, 5, 4).optNorm(norm).build();
    }

    private static Case gcn(
            String label, Function<GCNConv.Builder, GCNConv.Builder> opts, int edgeDim, String p) {
        return new Case(
                "GCNConv " + label,
                () -> opts.apply(GCNConv.builder().setInChannels(3).setOutChannels(4)).build(),
                3,
                4,
                edgeDim,
                p,
                "GCNConv(3, 4, aggr=sum)");
    }

    private static Case gat(
            String label,
            Function<GATConv.Builder, GATConv.Builder> opts,
            int edgeDim,
            long out,
            String p) {
        return new Case(
                "GATConv " + label,
                () -> opts.apply(GATConv.builder().setInChannels(3).setOutChannels(4)).build(),
                3,
                out,
                edgeDim,
                p,
                "GATConv(3, " + out + ", aggr=sum)");
    }

    private static Case gin(
            String label, Function<GINConv.Builder, GINConv.Builder> opts, String p, String aggr) {
        return new Case(
                "GINConv " + label,
                () -> opts.apply(GINConv.builder().setInChannels(3).setOutChannels(4)).build(),
                3,
                4,
                0,
                p,
                "GINConv(3, 4, aggr=" + aggr + ")");
    }

    private static Case gine(
            String label,
            Function<GINEConv.Builder, GINEConv.Builder> opts,
            int edgeDim,
            String p) {
        return new Case(
                "GINEConv " + label,
                () -> opts.apply(GINEConv.builder().setInChannels(3).setOutChannels(4)).build(),
                3,
                4,
                edgeDim,
                p,
                "GINEConv(3, 4, aggr=sum)");
    }

    private static Case edge(
            String label,
            Function<EdgeConv.Builder, EdgeConv.Builder> opts,
            String p,
            String aggr) {
        return new Case(
                "EdgeConv " + label,
                () -> opts.apply(EdgeConv.builder().setInChannels(3).setOutChannels(4)).build(),
                3,
                4,
                0,
                p,
                "EdgeConv(3, 4, aggr=" + aggr + ")");
    }

    private static Case sage(
            String label,
            Function<SAGEConv.Builder, SAGEConv.Builder> opts,
            String p,
            String aggr) {
        return new Case(
                "SAGEConv " + label,
                () -> opts.apply(SAGEConv.builder().setInChannels(3).setOutChannels(4)).build(),
                3,
                4,
                0,
                p,
                "SAGEConv(3, 4, aggr=" + aggr + ")");
    }

    /** A random graph for a case, with self loops at nodes 0 and 3 appended. */
    private static GraphInput graph(NDManager m, Case c, long seed, int nodes, int edges) {
        GraphInput g = randomGraph(m, seed, nodes, c.in(), edges, Math.max(c.edgeDim(), 0));
        long[] ei = g.edgeIndex().toLongArray();
        long[] src = Arrays.copyOf(Arrays.copyOfRange(ei, 0, edges), edges + 2);
        long[] dst = Arrays.copyOf(Arrays.copyOfRange(ei, edges, 2 * edges), edges + 2);
        src[edges] = dst[edges] = 0;
        src[edges + 1] = dst[edges + 1] = 3;
        Random rnd = new Random(seed + 1);
        NDArray attr = null;
        if (c.edgeDim() == WEIGHTS) {
            attr = normal(m, rnd, edges + 2, 1).abs().add(0.5).reshape(edges + 2);
        } else if (c.edgeDim() > 0) {
            attr = g.edgeAttr().concat(normal(m, rnd, 2, c.edgeDim()), 0);
        }
        return new GraphInput(g.x(), edgeIndex(m, src, dst), attr);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outputShapeAndName(Case c) {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = graph(m, c, 1, 6, 10);
            Block block = initialized(c.build().get(), m, g);
            assertEquals(c.name(), block.toString());
            Shape expected = new Shape(g.numNodes(), c.out());
            assertEquals(expected, forward(block, m, g, false).getShape());
            assertEquals(
                    expected,
                    block.getOutputShapes(new Shape[] {g.x().getShape(), g.edgeIndex().getShape()})[
                            0]);
        }
    }

    /**
     * A forward pass on inputs owned by a batch scope ({@code m.newSubManager()}) puts its
     * intermediate arrays and its output in that scope: once the scope closes, the long-lived
     * manager {@code m} (which holds the parameters) owns exactly what it owned before.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forwardLeavesNothingInTheLongLivedManager(Case c) {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = graph(m, c, 1, 6, 10);
            Block block = initialized(c.build().get(), m, g);
            int before = ownedBy(m);
            try (NDManager scope = m.newSubManager()) {
                GraphInput local =
                        new GraphInput(
                                copyInto(scope, g.x()),
                                copyInto(scope, g.edgeIndex()),
                                g.edgeAttr() == null ? null : copyInto(scope, g.edgeAttr()));
                NDArray out = forward(block, m, local, false);
                assertEquals(scope, out.getManager(), c + ": output outside the batch scope");
            }
            assertEquals(before, ownedBy(m), c + ": arrays left in the long-lived manager");
        }
    }

    /**
     * Relabelling the nodes (rows of x and the ids in edgeIndex) permutes the output rows the same
     * way: new node k is old node perm[k], so out'[k] must equal out[perm[k]].
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void equivariantToNodeOrder(Case c) {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = graph(m, c, 2, 7, 12);
            Block block = initialized(c.build().get(), m, g);
            int n = g.numNodes();
            int[] perm = permutation(n, 3);
            long[] newId = new long[n];
            for (int k = 0; k < n; k++) {
                newId[perm[k]] = k;
            }
            long[] ei = g.edgeIndex().toLongArray();
            long[] relabelled = new long[ei.length];
            for (int i = 0; i < ei.length; i++) {
                relabelled[i] = newId[(int) ei[i]];
            }
            NDArray rows = m.create(Arrays.stream(perm).asLongStream().toArray());
            GraphInput permuted =
                    new GraphInput(
                            g.x().get(rows),
                            m.create(relabelled, g.edgeIndex().getShape()),
                            g.edgeAttr());
            assertAllClose(
                    forward(block, m, g, false).get(rows),
                    forward(block, m, permuted, false),
                    TOLERANCE,
                    c + " under a node permutation");
        }
    }

    /** Shuffling the edges (columns of edgeIndex with the rows of edgeAttr) changes nothing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void invariantToEdgeOrder(Case c) {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = graph(m, c, 2, 7, 12);
            Block block = initialized(c.build().get(), m, g);
            NDArray order =
                    m.create(Arrays.stream(permutation(g.numEdges(), 4)).asLongStream().toArray());
            GraphInput shuffled =
                    new GraphInput(
                            g.x(),
                            g.edgeIndex().get(new NDIndex(":, {}", order)),
                            g.edgeAttr() == null ? null : g.edgeAttr().get(order));
            assertAllClose(
                    forward(block, m, g, false),
                    forward(block, m, shuffled, false),
                    TOLERANCE,
                    c + " under an edge permutation");
        }
    }

    /**
     * The autograd gradient of {@code loss = Σ out ⊙ w} (w fixed random weights) with respect to x
     * and to the case's parameter matches central finite differences. Every forward pass runs in
     * training mode from the same engine seed, so dropout draws the same mask each time and batch
     * norm uses batch statistics: the function differentiated is the one autograd records.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(Case c) {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = graph(m, c, 5, 5, 8);
            Block block = initialized(c.build().get(), m, g);
            Parameter parameter = parameter(block, c.parameter());
            Function<GraphInput, NDArray> run =
                    input -> {
                        Engine.getInstance().setRandomSeed(INIT_SEED);
                        return forward(block, m, input, true);
                    };
            NDArray out0 = run.apply(g);
            NDArray w = normal(m, new Random(6), (int) out0.getShape().get(0), (int) out0.size(1));
            NDArray x = g.x().duplicate();
            NDArray p = parameter.getArray();
            double[] original = p.toDoubleArray();
            NDArray gradX;
            NDArray gradP;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                x.setRequiresGradient(true);
                gc.backward(run.apply(g.withX(x)).mul(w).sum());
                gradX = x.getGradient().duplicate();
                gradP = p.getGradient().duplicate();
            }
            Function<NDArray, Double> lossOfX =
                    xs -> run.apply(g.withX(xs)).mul(w).sum().getDouble();
            assertClose(
                    numericGradient(lossOfX, g.x()), gradX.toDoubleArray(), c + ": d loss / d x");
            double[] numeric =
                    numericGradient(
                            values -> {
                                p.set(values.toDoubleArray());
                                return lossOfX.apply(g.x());
                            },
                            p.duplicate());
            p.set(original);
            assertClose(numeric, gradP.toDoubleArray(), c + ": d loss / d " + c.parameter());
            assertTrue(
                    Arrays.stream(numeric).anyMatch(v -> Math.abs(v) > 1e-3),
                    c + ": the gradient of " + c.parameter() + " is all zero; pick other inputs");
        }
    }

    /** Every layer rejects the same broken graphs with messages that name the layer. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsInvalidGraphs(Case c) {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = graph(m, c, 7, 4, 5);
            Block block = initialized(c.build().get(), m, g);
            String name = block.getClass().getSimpleName();

            GraphInput wide = g.withX(m.zeros(new Shape(4, c.in() + 1), DataType.FLOAT64));
            assertMessage(block, m, wide, name, "[N, " + c.in() + "]");

            double[] nan = g.x().toDoubleArray();
            nan[1] = Double.NaN;
            assertMessage(block, m, g.withX(m.create(nan, g.x().getShape())), name, "NaN");

            Shape noEdges = c.edgeDim() == WEIGHTS ? new Shape(0) : new Shape(0, c.edgeDim());
            GraphInput empty =
                    new GraphInput(
                            m.zeros(new Shape(0, c.in()), DataType.FLOAT64),
                            m.zeros(new Shape(2, 0), DataType.INT64),
                            c.edgeDim() != 0 ? m.zeros(noEdges, DataType.FLOAT64) : null);
            assertMessage(block, m, empty, name, "0 nodes");

            long[] ei = g.edgeIndex().toLongArray();
            ei[ei.length - 3] = 4;
            GraphInput outOfRange =
                    new GraphInput(g.x(), m.create(ei, g.edgeIndex().getShape()), g.edgeAttr());
            assertMessage(block, m, outOfRange, name, "holds node 4 but the graph has 4 nodes");
        }
    }

    private static void assertMessage(Block block, NDManager m, GraphInput g, String... fragments) {
        InvalidGraphException e =
                assertThrows(InvalidGraphException.class, () -> forward(block, m, g, false));
        for (String f : fragments) {
            assertTrue(
                    e.getMessage().contains(f),
                    "message should contain '" + f + "': " + e.getMessage());
        }
    }

    private static NDArray copyInto(NDManager scope, NDArray a) {
        NDArray copy = a.duplicate();
        copy.attach(scope);
        return copy;
    }

    /** The number of resources a manager holds (DJL keeps the map protected). */
    private static int ownedBy(NDManager m) {
        try {
            Field resources = ai.djl.ndarray.BaseNDManager.class.getDeclaredField("resources");
            resources.setAccessible(true);
            return ((Map<?, ?>) resources.get(m)).size();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read the resources of " + m, e);
        }
    }
}
