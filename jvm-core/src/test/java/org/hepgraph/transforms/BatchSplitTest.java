package org.hepgraph.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.junit.jupiter.api.Test;

class BatchSplitTest {

    @Test
    void roundTripsAndRegroupsInterleavedEdges() {
        Graph a =
                Graph.builder(2, 1, new float[] {1, 2}).edges(new long[] {0, 1, 1, 0}).y(1).build();
        Graph b = Graph.builder(3, 1, new float[] {3, 4, 5}).edges(new long[] {2, 0}).y(0).build();
        try (NDManager m = NDManager.newBaseManager()) {
            GraphBatch batch = GraphBatch.of(m, List.of(a, b));
            assertEquals(List.of(a, b), BatchSplit.toGraphs(batch));
            // Edges of the two graphs interleaved: b's 4 → 2 sits between a's edges.
            GraphBatch mixed =
                    GraphBatch.fromArrays(
                            batch.x(),
                            m.create(new long[] {0, 4, 1, 1, 2, 0}, new Shape(2, 3)),
                            null,
                            batch.ptr(),
                            batch.y());
            assertEquals(List.of(a, b), BatchSplit.toGraphs(mixed));
        }
    }
}
