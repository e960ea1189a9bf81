package org.hepgraph.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.junit.jupiter.api.Test;

class SelfLoopsTest {

    @Test
    void addsExactlyOneLoopPerNode() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphBatch batch = KnnGraph.deltaR(2).build(m, Jets.random(51, 8, 3, 8, 1));
            GraphBatch looped = SelfLoops.add(batch);
            assertEquals(batch.numEdges() + batch.numNodes(), looped.numEdges());
            long[] ei = looped.edgeIndex().toLongArray();
            int e = (int) looped.numEdges();
            int old = (int) batch.numEdges();
            for (int i = 0; i < batch.numNodes(); i++) {
                assertEquals(i, ei[old + i]);
                assertEquals(i, ei[e + old + i]);
            }
            assertArrayEquals(batch.ptr(), looped.ptr());
            assertArrayEquals(batch.y().toLongArray(), looped.y().toLongArray());
        }
    }

    @Test
    void loopEdgeFeaturesTakeTheFillValue() {
        Graph g =
                Graph.builder(3, 1, new float[] {1, 2, 3})
                        .edges(new long[] {0, 1, 1, 2})
                        .edgeAttr(2, new float[] {1, 2, 3, 4})
                        .build();
        try (NDManager m = NDManager.newBaseManager()) {
            GraphBatch looped = SelfLoops.add(GraphBatch.of(m, List.of(g, g)), 9f);
            assertEquals(4 + 6, looped.numEdges());
            float[] attr = looped.edgeAttr().toFloatArray();
            assertEquals(20, attr.length);
            assertArrayEquals(
                    new float[] {1, 2, 3, 4, 1, 2, 3, 4}, java.util.Arrays.copyOf(attr, 8));
            for (int k = 8; k < 20; k++) {
                assertEquals(9f, attr[k]);
            }
        }
    }
}
