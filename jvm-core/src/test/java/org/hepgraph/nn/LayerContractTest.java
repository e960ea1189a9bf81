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
     * One layer configuration, always with {@link #IN} input channels.
     *
     * @param label what the test report shows, the layer's class name first
     * @param edgeDim width of edgeAttr (0: none, {@link #WEIGHTS}: edge weights)
     * @param out output width
     * @param aggr the aggregation the layer reports
     * @param parameter the parameter whose gradient is checked
     * @param build a fresh, uninitialised layer
     */
    record Case(
            String label,
            int edgeDim,
            long out,
            String aggr,
            String parameter,
            Supplier<Block> build) {

        /** The same case built by {@code build}. */
        Case of(Supplier<Block> build) {
            return new Case(label, edgeDim, out, aggr, parameter, build);
        }

        /** The expected {@code toString()}. */
        String name() {
            String layer = label.substring(0, label.indexOf(' '));
            return layer + "(" + IN + ", " + out + ", aggr=" + aggr + ")";
        }

        int in() {
            return IN;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final int IN = 3;

    private static Case c(String label, int edgeDim, long out, String aggr, String parameter) {
        return new Case(label, edgeDim, out, aggr, parameter, null);
    }

    static Stream<Case> cases() {
        String w1 = "01mlp_01linear1_weight";
        String lin = "01linear_weight";
        return Stream.of(
                c("GCNConv default", 0, 4, "sum", lin).of(() -> gcn().build()),
                c("GCNConv weights", WEIGHTS, 4, "sum", "bias").of(() -> gcn().build()),
                c("GCNConv improved", WEIGHTS, 4, "sum", lin)
                        .of(() -> gcn().optImproved(true).build()),
                c("GCNConv no self loops", WEIGHTS, 4, "sum", lin)
                        .of(() -> gcn().optAddSelfLoops(false).build()),
                c("GCNConv normalize=false", WEIGHTS, 4, "sum", lin)
                        .of(() -> gcn().optNormalize(false).build()),
                c("GCNConv bias=false", 0, 4, "sum", lin).of(() -> gcn().optBias(false).build()),
                c("GATConv 2 heads", 0, 8, "sum", "att_src").of(() -> gat().optHeads(2).build()),
                c("GATConv mean of heads", 0, 4, "sum", lin)
                        .of(() -> gat().optHeads(2).optConcat(false).build()),
                c("GATConv edgeDim", 2, 8, "sum", "att_edge")
                        .of(() -> gat().optHeads(2).optEdgeDim(2).build()),
                c("GATConv edgeDim 1-D", WEIGHTS, 4, "sum", "02edge_weight")
                        .of(() -> gat().optEdgeDim(1).build()),
                c("GATConv no self loops", 0, 4, "sum", "att_dst")
                        .of(() -> gat().optAddSelfLoops(false).build()),
                c("GATConv dropout", 0, 4, "sum", "att_src")
                        .of(() -> gat().optDropout(0.5f).optNegativeSlope(0.1f).build()),
                c("GATConv bias=false", 0, 4, "sum", lin).of(() -> gat().optBias(false).build()),
                c("GINConv sum", 0, 4, "sum", w1).of(() -> gin().optHidden(8).optEps(0.3f).build()),
                c("GINConv mean", 0, 4, "mean", w1)
                        .of(() -> gin().optAggregation(Aggregation.MEAN).build()),
                c("GINConv max", 0, 4, "max", w1)
                        .of(() -> gin().optAggregation(Aggregation.MAX).build()),
                c("GINConv trainEps", 0, 4, "sum", "eps").of(() -> gin().optTrainEps(true).build()),
                c("GINConv batch-norm MLP", 0, 4, "sum", "01mlp_02norm1_gamma")
                        .of(() -> gin().optNn(mlp(3, MLP.Norm.BATCH_NORM)).build()),
                c("GINConv layer-norm MLP", 0, 4, "sum", "01mlp_02norm1_weight")
                        .of(() -> gin().optNn(mlp(3, MLP.Norm.LAYER_NORM)).build()),
                c("GINConv Linear nn", 0, 4, "sum", "01mlp_weight")
                        .of(() -> gin().optNn(Linear.builder().setUnits(4).build()).build()),
                c("GINEConv edgeDim", 2, 4, "sum", "02edge_weight")
                        .of(() -> gine().optEdgeDim(2).optHidden(8).build()),
                c("GINEConv no edgeDim", 3, 4, "sum", "01mlp_02linear2_weight")
                        .of(() -> gine().optEps(0.5f).build()),
                c("GINEConv trainEps", 2, 4, "sum", "eps")
                        .of(() -> gine().optEdgeDim(2).optTrainEps(true).build()),
                c("EdgeConv max", 0, 4, "max", w1).of(() -> edge().optHidden(8).build()),
                c("EdgeConv sum", 0, 4, "sum", "01mlp_02linear2_weight")
                        .of(() -> edge().optAggregation(Aggregation.SUM).build()),
                c("EdgeConv mean", 0, 4, "mean", "01mlp_01linear1_bias")
                        .of(() -> edge().optAggregation(Aggregation.MEAN).build()),
                c("EdgeConv MLP nn", 0, 4, "max", w1)
                        .of(() -> edge().optNn(mlp(6, MLP.Norm.BATCH_NORM)).build()),
                c("SAGEConv mean", 0, 4, "mean", "01neighbour_weight").of(() -> sage().build()),
                c("SAGEConv max", 0, 4, "max", "02root_weight")
                        .of(() -> sage().optAggregation(Aggregation.MAX).build()),
                c("SAGEConv sum", 0, 4, "sum", "01neighbour_bias")
                        .of(() -> sage().optAggregation(Aggregation.SUM).build()),
                c("SAGEConv normalize", 0, 4, "mean", "02root_weight")
                        .of(() -> sage().optNormalize(true).build()),
                c("SAGEConv no root weight", 0, 4, "mean", "01neighbour_weight")
                        .of(() -> sage().optRootWeight(false).build()),
                c("SAGEConv project", 0, 4, "mean", "03project_weight")
                        .of(() -> sage().optProject(true).build()),
                c("SAGEConv bias=false", 0, 4, "mean", "01neighbour_weight")
                        .of(() -> sage().optBias(false).build()));
    }

    private static GCNConv.Builder gcn() {
        return GCNConv.builder().setInChannels(IN).setOutChannels(4);
    }

    private static GATConv.Builder gat() {
        return GATConv.builder().setInChannels(IN).setOutChannels(4);
    }

    private static GINConv.Builder gin() {
        return GINConv.builder().setInChannels(IN).setOutChannels(4);
    }

    private static GINEConv.Builder gine() {
        return GINEConv.builder().setInChannels(IN).setOutChannels(4);
    }

    private static EdgeConv.Builder edge() {
        return EdgeConv.builder().setInChannels(IN).setOutChannels(4);
    }

    private static SAGEConv.Builder sage() {
        return SAGEConv.builder().setInChannels(IN).setOutChannels(4);
    }

    private static MLP mlp(int in, MLP.Norm norm) {
        return MLP.builder().setChannels(in, 5, 4).optNorm(norm).build();
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
        onLayer(
                c,
                1,
                6,
                10,
                (m, g, block) -> {
                    assertEquals(c.name(), block.toString());
                    Shape expected = new Shape(g.numNodes(), c.out());
                    assertEquals(expected, forward(block, m, g, false).getShape());
                    assertEquals(
                            expected,
                            block.getOutputShapes(
                                            new Shape[] {
                                                g.x().getShape(), g.edgeIndex().getShape()
                                            })[0]);
                });
    }

    /**
     * A forward pass on inputs owned by a batch scope ({@code m.newSubManager()}) puts its
     * intermediate arrays and its output in that scope: once the scope closes, the long-lived
     * manager {@code m} (which holds the parameters) owns exactly what it owned before.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forwardLeavesNothingInTheLongLivedManager(Case c) {
        onLayer(
                c,
                1,
                6,
                10,
                (m, g, block) -> {
                    int before = ownedBy(m);
                    try (NDManager scope = m.newSubManager()) {
                        GraphInput local =
                                new GraphInput(
                                        copyInto(scope, g.x()),
                                        copyInto(scope, g.edgeIndex()),
                                        g.edgeAttr() == null
                                                ? null
                                                : copyInto(scope, g.edgeAttr()));
                        NDArray out = forward(block, m, local, false);
                        assertEquals(
                                scope, out.getManager(), c + ": output outside the batch scope");
                    }
                    assertEquals(before, ownedBy(m), c + ": arrays left in the long-lived manager");
                });
    }

    /**
     * Relabelling the nodes (rows of x and the ids in edgeIndex) permutes the output rows the same
     * way: new node k is old node perm[k], so out'[k] must equal out[perm[k]].
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void equivariantToNodeOrder(Case c) {
        onLayer(
                c,
                2,
                7,
                12,
                (m, g, block) -> {
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
                });
    }

    /** Shuffling the edges (columns of edgeIndex with the rows of edgeAttr) changes nothing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void invariantToEdgeOrder(Case c) {
        onLayer(
                c,
                2,
                7,
                12,
                (m, g, block) -> {
                    NDArray order =
                            m.create(
                                    Arrays.stream(permutation(g.numEdges(), 4))
                                            .asLongStream()
                                            .toArray());
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
                });
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
        onLayer(
                c,
                5,
                5,
                8,
                (m, g, block) -> {
                    Parameter parameter = parameter(block, c.parameter());
                    Function<GraphInput, NDArray> run =
                            input -> {
                                Engine.getInstance().setRandomSeed(INIT_SEED);
                                return forward(block, m, input, true);
                            };
                    NDArray out0 = run.apply(g);
                    NDArray w =
                            normal(
                                    m,
                                    new Random(6),
                                    (int) out0.getShape().get(0),
                                    (int) out0.size(1));
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
                            numericGradient(lossOfX, g.x()),
                            gradX.toDoubleArray(),
                            c + ": d loss / d x");
                    double[] numeric =
                            numericGradient(
                                    values -> {
                                        p.set(values.toDoubleArray());
                                        return lossOfX.apply(g.x());
                                    },
                                    p.duplicate());
                    p.set(original);
                    assertClose(
                            numeric, gradP.toDoubleArray(), c + ": d loss / d " + c.parameter());
                    assertTrue(
                            Arrays.stream(numeric).anyMatch(v -> Math.abs(v) > 1e-3),
                            c
                                    + ": the gradient of "
                                    + c.parameter()
                                    + " is all zero; pick other inputs");
                });
    }

    /** Every layer rejects the same broken graphs with messages that name the layer. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsInvalidGraphs(Case c) {
        onLayer(
                c,
                7,
                4,
                5,
                (m, g, block) -> {
                    String name = block.getClass().getSimpleName();

                    GraphInput wide = g.withX(m.zeros(new Shape(4, c.in() + 1), DataType.FLOAT64));
                    assertMessage(block, m, wide, name, "[N, " + c.in() + "]");

                    double[] nan = g.x().toDoubleArray();
                    nan[1] = Double.NaN;
                    assertMessage(block, m, g.withX(m.create(nan, g.x().getShape())), name, "NaN");

                    Shape noEdges =
                            c.edgeDim() == WEIGHTS ? new Shape(0) : new Shape(0, c.edgeDim());
                    GraphInput empty =
                            new GraphInput(
                                    m.zeros(new Shape(0, c.in()), DataType.FLOAT64),
                                    m.zeros(new Shape(2, 0), DataType.INT64),
                                    c.edgeDim() != 0 ? m.zeros(noEdges, DataType.FLOAT64) : null);
                    assertMessage(block, m, empty, name, "0 nodes");

                    long[] ei = g.edgeIndex().toLongArray();
                    ei[ei.length - 3] = 4;
                    GraphInput outOfRange =
                            new GraphInput(
                                    g.x(), m.create(ei, g.edgeIndex().getShape()), g.edgeAttr());
                    assertMessage(
                            block, m, outOfRange, name, "holds node 4 but the graph has 4 nodes");
                });
    }

    /** What a check receives: a fresh manager, the case's graph, the layer initialised for it. */
    private interface LayerCheck {
        void run(NDManager m, GraphInput g, Block block);
    }

    /** Runs {@code check} on the case's layer and a random graph of the given size. */
    private static void onLayer(Case c, long seed, int nodes, int edges, LayerCheck check) {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphInput g = graph(m, c, seed, nodes, edges);
            check.run(m, g, initialized(c.build().get(), m, g));
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
