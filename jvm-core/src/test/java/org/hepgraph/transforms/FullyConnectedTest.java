package org.hepgraph.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.data.PaddedParticles;
import org.junit.jupiter.api.Test;

class FullyConnectedTest {

    private static final int[] COUNTS = {1, 2, 5, 12};

    @Test
    void everyOrderedPairOfRealParticles() {
        PaddedParticles jets = Jets.random(21, 16, COUNTS);
        try (NDManager m = NDManager.newBaseManager()) {
            GraphBatch batch = FullyConnected.create().build(m, jets);
            Jets.assertBatchLayout(batch, COUNTS);
            List<Graph> graphs = batch.toGraphs();
            long total = 0;
            for (int j = 0; j < COUNTS.length; j++) {
                int n = COUNTS[j];
                assertEquals(n * (n - 1), Jets.edgeSet(graphs.get(j)).size());
                assertEquals(Jets.radiusReference(jets, j, 100), Jets.edgeSet(graphs.get(j)));
                total += n * (n - 1);
            }
            assertEquals(total, batch.numEdges());
        }
    }

    @Test
    void selfLoopsGiveNSquaredEdges() {
        PaddedParticles jets = Jets.random(22, 16, COUNTS);
        try (NDManager m = NDManager.newBaseManager()) {
            List<Graph> graphs = FullyConnected.create().optLoop(true).build(m, jets).toGraphs();
            for (int j = 0; j < COUNTS.length; j++) {
                assertEquals(COUNTS[j] * COUNTS[j], Jets.edgeSet(graphs.get(j)).size());
            }
        }
    }

    @Test
    void toStringShowsOptions() {
        assertEquals(
                "FullyConnected(loop=false, nodeFeatures=RAW, skipEmpty=false)",
                FullyConnected.create().toString());
    }
}
