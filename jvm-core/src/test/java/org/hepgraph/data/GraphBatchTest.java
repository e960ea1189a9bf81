package org.hepgraph.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.junit.jupiter.api.Test;

class GraphBatchTest {

    @Test
    void ofAndGetRoundTripExactly() {
        Random r = new Random(3);
        List<Graph> graphs =
                List.of(
                        TestGraphs.ring(r, 4, 3, 0f, 0),
                        TestGraphs.ring(r, 7, 3, 1f, 1),
                        TestGraphs.ring(r, 5, 3, 2f, 0));
        try (NDManager m = NDManager.newBaseManager()) {
            GraphBatch batch = GraphBatch.of(m, graphs);
            assertEquals(3, batch.numGraphs());
            assertArrayEquals(new long[] {0, 4, 11, 16}, batch.ptr());
            assertArrayEquals(
                    new long[] {0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2},
                    batch.batch().toLongArray());
            assertArrayEquals(new long[] {0, 1, 0}, batch.y().toLongArray());
            for (int i = 0; i < graphs.size(); i++) {
                assertEquals(graphs.get(i), batch.get(i), "graph " + i);
            }
            assertEquals(graphs, batch.toGraphs());
            assertEquals("GraphBatch(graphs=3, x=(16, 3), edgeIndex=(2, 32))", batch.toString());
        }
    }

    @Test
    void refusesMixedFeatureSizesAndEmptyLists() {
        Random r = new Random(1);
        try (NDManager m = NDManager.newBaseManager()) {
            var e =
                    assertThrows(
                            InvalidGraphException.class,
                            () ->
                                    GraphBatch.of(
                                            m,
                                            List.of(
                                                    TestGraphs.ring(r, 3, 2, 0, 0),
                                                    TestGraphs.ring(r, 3, 4, 0, 0))));
            assertTrue(e.getMessage().contains("graph 1 has 4 node features"), e.getMessage());
            assertThrows(InvalidGraphException.class, () -> GraphBatch.of(m, List.of()));
        }
    }

    @Test
    void toGraphsRegroupsInterleavedEdges() {
        Graph a =
                Graph.builder(2, 1, new float[] {1, 2}).edges(new long[] {0, 1, 1, 0}).y(1).build();
        Graph b = Graph.builder(3, 1, new float[] {3, 4, 5}).edges(new long[] {2, 0}).y(0).build();
        try (NDManager m = NDManager.newBaseManager()) {
            GraphBatch batch = GraphBatch.of(m, List.of(a, b));
            assertEquals(List.of(a, b), batch.toGraphs());
            // Edges of the two graphs interleaved: b's 4 → 2 sits between a's edges.
            GraphBatch mixed =
                    GraphBatch.fromArrays(
                            batch.x(),
                            m.create(new long[] {0, 4, 1, 1, 2, 0}, new Shape(2, 3)),
                            null,
                            batch.ptr(),
                            batch.y());
            assertEquals(List.of(a, b), mixed.toGraphs());
        }
    }

    private static void assertSameBatch(GraphBatch expected, GraphBatch actual) {
        assertArrayEquals(expected.x().toFloatArray(), actual.x().toFloatArray());
        assertArrayEquals(expected.edgeIndex().toLongArray(), actual.edgeIndex().toLongArray());
        assertArrayEquals(expected.edgeAttr().toFloatArray(), actual.edgeAttr().toFloatArray());
        assertArrayEquals(expected.batch().toLongArray(), actual.batch().toLongArray());
        assertArrayEquals(expected.y().toLongArray(), actual.y().toLongArray());
        assertArrayEquals(expected.ptr(), actual.ptr());
    }

    @Test
    void batchFromAGraphSetEqualsBatchFromTheSameGraphs() {
        List<Graph> graphs = GraphSetTest.fullGraphs(8, 40);
        GraphSet set = GraphSet.copyOf(graphs);
        int[] order = {5, 6, 7, 30, 2, 3, 39, 0}; // runs of consecutive graphs and single ones
        List<Graph> picked = new ArrayList<>();
        List<Graph> views = new ArrayList<>();
        for (int i : order) {
            picked.add(graphs.get(i));
            views.add(set.get(i));
        }
        try (NDManager m = NDManager.newBaseManager()) {
            GraphBatch reference = GraphBatch.of(m, picked);
            assertSameBatch(reference, GraphBatch.of(m, set, order));
            assertSameBatch(reference, GraphBatch.of(m, views));
            assertSameBatch(reference, GraphBatch.of(m, set.subsetView(order)));
            assertSameBatch(GraphBatch.of(m, graphs), GraphBatch.of(m, set));
            // Labels travel with a relabelled view, not with the set's buffer.
            GraphSet relabelled = set.sliceView(0, 3).relabelledView(new int[] {1, 1, 0});
            assertArrayEquals(new long[] {1, 1, 0}, GraphBatch.of(m, relabelled).y().toLongArray());
            var bad =
                    assertThrows(
                            InvalidArgumentException.class,
                            () -> GraphBatch.of(m, set, new int[] {3, 40}));
            assertTrue(bad.getMessage().contains("index 40 outside [0, 40)"), bad.getMessage());
            List<Graph> mixed = new ArrayList<>(List.of(graphs.get(2), set.get(3)));
            assertSameBatch(
                    GraphBatch.of(m, List.of(graphs.get(2), graphs.get(3))),
                    GraphBatch.of(m, mixed));
        }
    }
}
