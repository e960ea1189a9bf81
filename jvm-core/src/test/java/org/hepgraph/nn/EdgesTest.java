package org.hepgraph.nn;

import static org.hepgraph.nn.LayerAssertions.TOLERANCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.hepgraph.data.EdgePlan;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.models.GinEncoder;
import org.hepgraph.nn.Edges.Aggregation;
import org.junit.jupiter.api.Test;

/**
 * Every aggregation form of {@link Edges} (fixed-degree reshape, padded slot table, dense
 * adjacency) against {@link Segment}'s host-indexed reference, values and gradients; and the
 * promise of the edge plan: a model run on a batch reads no index back to the host.
 */
class EdgesTest {

    /** Graphs of 1–9 nodes with isolated nodes, self loops, duplicates, and one without edges. */
    private static List<Graph> awkward(long seed) {
        Random rnd = new Random(seed);
        List<Graph> graphs = new ArrayList<>();
        for (int g = 0; g < 10; g++) {
            int n = 1 + rnd.nextInt(9);
            int e = g == 1 ? 0 : n + rnd.nextInt(4 * n);
            long[] ei = new long[2 * e];
            for (int k = 0; k < e; k++) {
                ei[k] = rnd.nextInt(n);
                ei[e + k] = n == 1 ? 0 : rnd.nextInt(n - 1);
            }
            if (e > 1) {
                ei[1] = ei[0];
                ei[e + 1] = ei[e];
            }
            float[] x = new float[3 * n];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rnd.nextGaussian();
            }
            graphs.add(Graph.builder(n, 3, x).edges(ei).build());
        }
        return graphs;
    }

    /** kNN-like graphs: every node receives exactly k edges, listed grouped by target. */
    private static List<Graph> fixedDegree(long seed, int k) {
        Random rnd = new Random(seed);
        List<Graph> graphs = new ArrayList<>();
        for (int g = 0; g < 6; g++) {
            int n = k + 1 + rnd.nextInt(5);
            long[] ei = new long[2 * n * k];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    ei[i * k + j] = rnd.nextInt(n);
                    ei[n * k + i * k + j] = i;
                }
            }
            float[] x = new float[3 * n];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rnd.nextGaussian();
            }
            graphs.add(Graph.builder(n, 3, x).edges(ei).build());
        }
        return graphs;
    }

    @Test
    void everyFormAgreesWithTheHostReferenceInValuesAndGradients() {
        List<List<Graph>> sets = List.of(awkward(1), awkward(2), fixedDegree(3, 4));
        for (List<Graph> graphs : sets) {
            try (NDManager m = NDManager.newBaseManager()) {
                GraphBatch batch = GraphBatch.of(m, graphs);
                assertTrue(batch.plan().denseAdjacencyFits(), "the fused form is exercised");
                Edges edges = Edges.of(batch.plan());
                NDArray target = m.create(batch.plan().target());
                int n = edges.numNodes();
                NDArray x = batch.x().toType(DataType.FLOAT64, false);
                for (Aggregation a : Aggregation.values()) {
                    Function<NDArray, NDArray> reference =
                            h -> {
                                NDArray msg = h.get(m.create(batch.plan().source()));
                                return switch (a) {
                                    case SUM -> Segment.sum(msg, target, n);
                                    case MEAN -> Segment.mean(msg, target, n);
                                    case MAX -> Segment.max(msg, target, n);
                                };
                            };
                    String what = a + " on " + batch.plan();
                    assertSameWithGradients(
                            x, reference, h -> edges.aggregate(edges.gatherSource(h), a), what);
                    assertSameWithGradients(
                            x, reference, h -> edges.aggregateSource(h, a), "fused " + what);
                }
            }
        }
    }

    @Test
    void poolingFormsAgreeWithTheHostReference() {
        for (long seed = 7; seed < 9; seed++) {
            List<Graph> graphs = awkward(seed);
            try (NDManager m = NDManager.newBaseManager()) {
                GraphBatch batch = GraphBatch.of(m, graphs);
                EdgePlan plan = batch.plan();
                assertTrue(plan.poolingMatrixFits());
                NDArray graphOf = m.create(batch.batch().toLongArray());
                int b = batch.numGraphs();
                NDArray x = batch.x().toType(DataType.FLOAT64, false);
                for (Aggregation a : Aggregation.values()) {
                    Function<NDArray, NDArray> reference =
                            h ->
                                    switch (a) {
                                        case SUM -> Segment.sum(h, graphOf, b);
                                        case MEAN -> Segment.mean(h, graphOf, b);
                                        case MAX -> Segment.max(h, graphOf, b);
                                    };
                    assertSameWithGradients(
                            x, reference, h -> GlobalPool.pool(h, plan, a, true), "matrix " + a);
                    assertSameWithGradients(
                            x, reference, h -> GlobalPool.pool(h, plan, a, false), "padded " + a);
                }
            }
        }
    }

    @Test
    void theFormsAreTheOnesThePlanPromises() {
        try (NDManager m = NDManager.newBaseManager()) {
            EdgePlan knn = GraphBatch.of(m, fixedDegree(4, 3)).plan();
            assertEquals(3, knn.uniformInDegree());
            assertTrue(knn.sortedByTarget(), "reshape-sum applies");
            assertTrue(knn.denseAdjacencyFits(), "small dense graphs use the batched matmul");
            EdgePlan sparse = GraphBatch.of(m, List.of(chain(200))).plan();
            assertFalse(sparse.denseAdjacencyFits(), "a long chain would waste 200² cells");
        }
    }

    private static Graph chain(int n) {
        long[] ei = new long[2 * (n - 1)];
        for (int i = 0; i + 1 < n; i++) {
            ei[i] = i;
            ei[n - 1 + i] = i + 1;
        }
        return Graph.builder(n, 1, new float[n]).edges(ei).build();
    }

    private static void assertSameWithGradients(
            NDArray x,
            Function<NDArray, NDArray> expected,
            Function<NDArray, NDArray> actual,
            String what) {
        NDArray weights = null;
        double[][] out = new double[2][];
        double[][] grad = new double[2][];
        int i = 0;
        for (Function<NDArray, NDArray> f : List.of(expected, actual)) {
            NDArray leaf = x.duplicate();
            leaf.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = f.apply(leaf);
                if (weights == null) {
                    weights =
                            x.getManager()
                                    .randomNormal(y.getShape())
                                    .toType(y.getDataType(), false);
                }
                out[i] = y.toDoubleArray();
                gc.backward(y.mul(weights).sum());
            }
            grad[i++] = leaf.getGradient().toDoubleArray();
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(out[0], out[1], TOLERANCE, what);
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                grad[0], grad[1], TOLERANCE, what + " gradient");
    }

    @Test
    void aThreeLayerModelOnABatchReadsNoIndexToTheHost() {
        List<Graph> graphs = fixedDegree(5, 3);
        graphs.addAll(awkward(6));
        try (NDManager m = NDManager.newBaseManager()) {
            GinEncoder encoder = new GinEncoder(Aggregation.MEAN, 3, 8, 8, 8);
            encoder.initialize(m, DataType.FLOAT32, new Shape(1, 3), new Shape(2, 1));
            ParameterStore ps = new ParameterStore(m, false);
            for (int step = 0; step < 2; step++) {
                try (NDManager scope = m.newSubManager()) {
                    GraphBatch batch = GraphBatch.of(scope, graphs);
                    long reads = Layers.HOST_INDEX_READS.get();
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = scope.zeros(new Shape(1));
                        for (NDArray h : encoder.embed(ps, batch.x(), batch.edgeIndex(), true)) {
                            loss =
                                    loss.add(GlobalPool.mean(h, batch).sum())
                                            .add(GlobalPool.max(h, batch.batch(), 16).sum());
                        }
                        gc.backward(loss);
                    }
                    assertEquals(reads, Layers.HOST_INDEX_READS.get(), "host index reads");
                }
            }
        }
    }

    @Test
    void selfLoopVariantsOfGcnAndGatReadNoIndexAndAreBuiltOncePerBatch() {
        List<Graph> graphs = awkward(9);
        try (NDManager m = NDManager.newBaseManager()) {
            List<ai.djl.nn.Block> layers =
                    List.of(
                            GCNConv.builder().setInChannels(3).setOutChannels(4).build(),
                            GCNConv.builder().setInChannels(3).setOutChannels(4).build(),
                            GATConv.builder().setInChannels(3).setOutChannels(4).build(),
                            GATConv.builder().setInChannels(3).setOutChannels(4).build());
            for (ai.djl.nn.Block layer : layers) {
                layer.initialize(m, DataType.FLOAT32, new Shape(1, 3), new Shape(2, 1));
            }
            ParameterStore ps = new ParameterStore(m, false);
            try (NDManager scope = m.newSubManager()) {
                GraphBatch batch = GraphBatch.of(scope, graphs);
                long reads = Layers.HOST_INDEX_READS.get();
                for (ai.djl.nn.Block layer : layers) {
                    layer.forward(ps, new NDList(batch.x(), batch.edgeIndex()), false);
                }
                assertEquals(reads, Layers.HOST_INDEX_READS.get(), "host index reads");
                Edges edges = Edges.of(batch.plan());
                assertTrue(
                        edges.withoutSelfLoops(scope).plan()
                                == edges.withoutSelfLoops(scope).plan(),
                        "derived edge sets are cached in the plan");
            }
        }
    }

    @Test
    void aBareEdgeIndexIsReadOnceAndReusedByTheNextLayers() {
        try (NDManager m = NDManager.newBaseManager()) {
            GinEncoder encoder = new GinEncoder(Aggregation.SUM, 3, 4, 4, 4);
            encoder.initialize(m, DataType.FLOAT32, new Shape(1, 3), new Shape(2, 1));
            NDArray x = m.randomNormal(new Shape(5, 3));
            NDArray edgeIndex = m.create(new long[] {0, 1, 2, 3, 1, 2, 3, 4}, new Shape(2, 4));
            long reads = Layers.HOST_INDEX_READS.get();
            encoder.forward(new ParameterStore(m, false), new NDList(x, edgeIndex), false);
            assertEquals(reads + 1, Layers.HOST_INDEX_READS.get(), "one read for three layers");
        }
    }
}
