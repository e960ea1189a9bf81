package org.hepgraph.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Set;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.data.PaddedParticles;
import org.junit.jupiter.api.Test;

class RadiusGraphTest {

    private static final int[] COUNTS = {1, 2, 6, 15, 25, 9};

    @Test
    void matchesBruteForceReferencePerJet() {
        PaddedParticles jets = Jets.random(11, 25, COUNTS);
        try (NDManager m = NDManager.newBaseManager()) {
            GraphBatch batch = RadiusGraph.deltaR(0.8).build(m, jets);
            Jets.assertBatchLayout(batch, COUNTS);
            List<Graph> graphs = batch.toGraphs();
            for (int j = 0; j < COUNTS.length; j++) {
                assertEquals(
                        Jets.radiusReference(jets, j, 0.8),
                        Jets.edgeSet(graphs.get(j)),
                        "jet " + j);
            }
        }
    }

    @Test
    void maxNeighboursKeepsTheNearestWithinTheRadius() {
        PaddedParticles jets = Jets.random(12, 25, COUNTS);
        try (NDManager m = NDManager.newBaseManager()) {
            List<Graph> graphs =
                    RadiusGraph.deltaR(1.0).optMaxNeighbours(3).build(m, jets).toGraphs();
            for (int j = 0; j < COUNTS.length; j++) {
                Set<List<Long>> within = Jets.radiusReference(jets, j, 1.0);
                Set<List<Long>> nearest = Jets.knnReference(jets, j, 3);
                nearest.retainAll(within);
                assertEquals(nearest, Jets.edgeSet(graphs.get(j)), "jet " + j);
            }
        }
    }

    @Test
    void badArgumentsAreRefused() {
        InvalidArgumentException ex =
                assertThrows(InvalidArgumentException.class, () -> RadiusGraph.deltaR(-1));
        assertTrue(ex.getMessage().contains("r = -1.0"), ex.getMessage());
        assertThrows(InvalidArgumentException.class, () -> RadiusGraph.deltaR(Double.NaN));
        assertThrows(
                InvalidArgumentException.class, () -> RadiusGraph.deltaR(1).optMaxNeighbours(-2));
    }

    @Test
    void toStringShowsOptions() {
        assertEquals(
                "RadiusGraph(deltaR, r=0.4, maxNeighbours=16, loop=false, nodeFeatures=RAW,"
                        + " skipEmpty=true)",
                RadiusGraph.deltaR(0.4).optMaxNeighbours(16).optSkipEmpty(true).toString());
    }
}
