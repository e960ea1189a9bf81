package org.hepgraph.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.junit.jupiter.api.Test;

class ToUndirectedTest {

    @Test
    void resultIsSymmetricSortedDuplicateFreeAndIdempotent() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphBatch knn =
                    KnnGraph.deltaR(3).optLoop(true).build(m, Jets.random(61, 12, 12, 5, 1, 9));
            GraphBatch und = ToUndirected.apply(knn);
            long[] ei = und.edgeIndex().toLongArray();
            int e = ei.length / 2;
            Set<List<Long>> edges = new HashSet<>();
            for (int k = 0; k < e; k++) {
                edges.add(List.of(ei[k], ei[e + k]));
                if (k > 0) {
                    boolean ordered =
                            ei[e + k - 1] < ei[e + k]
                                    || (ei[e + k - 1] == ei[e + k] && ei[k - 1] < ei[k]);
                    assertTrue(ordered, "not sorted by (target, source) at edge " + k);
                }
            }
            assertEquals(e, edges.size(), "duplicates left");
            for (List<Long> edge : edges) {
                assertTrue(edges.contains(List.of(edge.get(1), edge.get(0))), edge.toString());
            }
            long[] old = knn.edgeIndex().toLongArray();
            for (int k = 0; k < old.length / 2; k++) {
                assertTrue(edges.contains(List.of(old[k], old[old.length / 2 + k])));
            }
            assertArrayEquals(ei, ToUndirected.apply(und).edgeIndex().toLongArray());
            assertArrayEquals(knn.ptr(), und.ptr());
        }
    }

    @Test
    void edgeFeaturesFollowTheirEdgesAndOriginalsWin() {
        // 0 → 1 (attr 1), 1 → 0 (attr 2), 1 → 2 (attr 3), 2 → 2 (attr 4)
        Graph g =
                Graph.builder(3, 1, new float[] {0, 0, 0})
                        .edges(new long[] {0, 1, 1, 2, 1, 0, 2, 2})
                        .edgeAttr(1, new float[] {1, 2, 3, 4})
                        .build();
        try (NDManager m = NDManager.newBaseManager()) {
            GraphBatch und = ToUndirected.apply(GraphBatch.of(m, List.of(g)));
            // sorted by (target, source): 1→0, 0→1, 2→1, 1→2, 2→2
            assertArrayEquals(
                    new long[] {1, 0, 2, 1, 2, 0, 1, 1, 2, 2}, und.edgeIndex().toLongArray());
            assertArrayEquals(new float[] {2, 1, 3, 3, 4}, und.edgeAttr().toFloatArray());
        }
    }
}
