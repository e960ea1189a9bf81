package org.hepgraph.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.junit.jupiter.api.Test;

class GraphSetBuilderTest {

    @Test
    void batchesAndGraphsAreCopiedInOnceAtBuild() {
        List<Graph> graphs = TestGraphs.rings(1, 30, 3, 0f, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            GraphSetBuilder b = GraphSet.builder();
            b.addBatch(GraphBatch.of(m, graphs.subList(0, 10)));
            b.addAll(graphs.subList(10, 20));
            b.addBatch(GraphBatch.of(m, graphs.subList(20, 30)));
            long before = GraphColumns.DIRECT_ALLOCATIONS.get();
            GraphSet set = b.build();
            // nodePtr, edgePtr, x, edgeIndex, y: one allocation per field for the whole set.
            assertEquals(5, GraphColumns.DIRECT_ALLOCATIONS.get() - before);
            assertEquals(graphs, set);
            assertEquals(set.totalNodes() * 3 * 4, set.columns.xBytes.capacity());
        }
    }

    @Test
    void addBatchRefusesAnEdgeBetweenTwoGraphs() {
        Graph a = Graph.builder(2, 1, new float[] {1, 2}).edges(new long[] {0, 1}).build();
        Graph c = Graph.builder(2, 1, new float[] {3, 4}).edges(new long[] {0, 1}).build();
        try (NDManager m = NDManager.newBaseManager()) {
            GraphBatch ok = GraphBatch.of(m, List.of(a, c));
            // Edge 0 -> 3 joins node 0 of graph 0 to node 1 of graph 1.
            GraphBatch bad =
                    GraphBatch.fromArrays(
                            ok.x(),
                            m.create(new long[] {0, 3}, new Shape(2, 1)),
                            null,
                            ok.ptr(),
                            ok.y());
            var e =
                    assertThrows(
                            InvalidGraphException.class,
                            () -> GraphSet.builder().addBatch(bad).build());
            assertTrue(
                    e.getMessage().contains("graph 1: edgeIndex[0, 0] holds node -2"),
                    e.getMessage());
        }
    }

    @Test
    void anEmptyBuilderMakesAnEmptySet() {
        GraphSet set = GraphSet.builder().addAll(new ArrayList<>()).build();
        assertEquals(0, set.size());
        assertEquals(0, set.totalNodes());
    }
}
