package org.hepgraph.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphSet;
import org.hepgraph.data.PaddedParticles;
import org.junit.jupiter.api.Test;

class GraphBuilderTest {

    private static final int[] COUNTS = {4, 9, 1, 12, 3, 7, 2, 10, 5, 6};

    @Test
    void chunkedGraphsEqualOneBigBatchAndKeepLabels() {
        PaddedParticles jets = Jets.random(41, 12, COUNTS);
        GraphBuilder knn = KnnGraph.deltaR(3).optNodeFeatures(JetNodeFeatures.RELATIVE);
        try (NDManager m = NDManager.newBaseManager()) {
            GraphSet chunked = knn.toGraphs(m, jets, 3);
            assertTrue(m.getManagedArrays().isEmpty(), "chunk scopes left arrays behind");
            assertTrue(chunked.isCompact(), "the chunks are copied into one set");
            assertTrue(chunked.get(COUNTS.length - 1).isView());
            List<Graph> whole = knn.build(m, jets).toGraphs();
            assertEquals(COUNTS.length, chunked.size());
            for (int j = 0; j < COUNTS.length; j++) {
                Graph g = chunked.get(j);
                assertEquals(COUNTS[j], g.numNodes());
                assertEquals(jets.labels()[j], g.y());
                assertEquals(Jets.edgeSet(whole.get(j)), Jets.edgeSet(g));
                assertArrayEquals(whole.get(j).edgeIndex(), g.edgeIndex());
                // Chunks are trimmed to their longest jet, so float sums may round differently.
                assertArrayEquals(whole.get(j).x(), g.x(), 1e-5f);
            }
            assertEquals(chunked, knn.toGraphs(m, jets, 3));
        }
    }

    @Test
    void buildLeavesOnlyTheBatchInTheManager() {
        PaddedParticles jets = Jets.random(42, 12, COUNTS);
        try (NDManager m = NDManager.newBaseManager()) {
            try (NDManager scope = m.newSubManager()) {
                KnnGraph.deltaR(3).optNodeFeatures(JetNodeFeatures.RELATIVE).build(scope, jets);
                assertTrue(
                        scope.getManagedArrays().size() <= 8, scope.getManagedArrays().toString());
            }
            assertTrue(m.getManagedArrays().isEmpty());
        }
    }

    @Test
    void badChunkSizeIsRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(
                    InvalidArgumentException.class,
                    () -> KnnGraph.deltaR(3).toGraphs(m, Jets.random(43, 5, 2), 0));
        }
    }
}
