package org.hepgraph.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.data.PaddedParticles;
import org.junit.jupiter.api.Test;

class KnnGraphTest {

    private static final int[] COUNTS = {1, 2, 3, 4, 5, 8, 13, 20, 7};

    @Test
    void matchesBruteForceReferencePerJet() {
        PaddedParticles jets = Jets.random(1, 24, COUNTS);
        for (int k : new int[] {1, 4, 8}) {
            try (NDManager m = NDManager.newBaseManager()) {
                GraphBatch batch = KnnGraph.deltaR(k).build(m, jets);
                Jets.assertBatchLayout(batch, COUNTS);
                assertEquals(4, batch.numFeatures());
                List<Graph> graphs = batch.toGraphs();
                for (int j = 0; j < COUNTS.length; j++) {
                    Graph g = graphs.get(j);
                    assertEquals(Jets.knnReference(jets, j, k), Jets.edgeSet(g), "jet " + j);
                    for (int deg : Jets.inDegree(g)) {
                        assertEquals(Math.min(k, COUNTS[j] - 1), deg, "jet " + j);
                    }
                    assertEquals(jets.labels()[j], g.y());
                }
            }
        }
    }

    @Test
    void edgesPointFromNeighbourToCentre() {
        float[][] jet = {{1, 0f, 0, 1}, {1, 0.1f, 0, 1}, {1, 1f, 0, 1}};
        try (NDManager m = NDManager.newBaseManager()) {
            Graph g = KnnGraph.deltaR(1).build(m, Jets.of(jet)).get(0);
            assertEquals(
                    Set.of(List.of(1L, 0L), List.of(0L, 1L), List.of(1L, 2L)), Jets.edgeSet(g));
        }
    }

    @Test
    void phiWrapsAroundThePiBoundary() {
        float[][] jet = {{1, 0f, 3.1f, 1}, {1, 0f, -3.1f, 1}, {1, 0f, 0f, 1}};
        try (NDManager m = NDManager.newBaseManager()) {
            Graph g = KnnGraph.deltaR(1).build(m, Jets.of(jet)).get(0);
            Set<List<Long>> edges = Jets.edgeSet(g);
            assertTrue(edges.contains(List.of(1L, 0L)), edges.toString());
            assertTrue(edges.contains(List.of(0L, 1L)), edges.toString());
            assertEquals(0.0832, Jets.deltaR(Jets.of(jet), 0, 0, 1), 1e-3);
        }
    }

    @Test
    void paddingNeverAppearsAndEdgesStayInsideTheirJet() {
        PaddedParticles jets = Jets.random(2, 30, COUNTS);
        try (NDManager m = NDManager.newBaseManager()) {
            GraphBatch batch = KnnGraph.deltaR(6).build(m, jets);
            long n = batch.numNodes();
            assertEquals(n, batch.x().getShape().get(0));
            long[] ei = batch.edgeIndex().toLongArray();
            long[] graphOf = batch.batch().toLongArray();
            int e = ei.length / 2;
            for (int k = 0; k < e; k++) {
                assertTrue(ei[k] >= 0 && ei[k] < n && ei[e + k] >= 0 && ei[e + k] < n);
                assertEquals(graphOf[(int) ei[k]], graphOf[(int) ei[e + k]]);
            }
        }
    }

    @Test
    void optLoopMakesEachNodeItsOwnNeighbour() {
        PaddedParticles jets = Jets.random(3, 20, COUNTS);
        try (NDManager m = NDManager.newBaseManager()) {
            List<Graph> graphs = KnnGraph.deltaR(4).optLoop(true).build(m, jets).toGraphs();
            for (int j = 0; j < COUNTS.length; j++) {
                Set<List<Long>> edges = Jets.edgeSet(graphs.get(j));
                for (long i = 0; i < COUNTS[j]; i++) {
                    assertTrue(edges.contains(List.of(i, i)));
                }
                for (int deg : Jets.inDegree(graphs.get(j))) {
                    assertEquals(Math.min(4, COUNTS[j]), deg);
                }
            }
        }
    }

    @Test
    void shufflingParticlesRelabelsTheSameEdges() {
        PaddedParticles jets = Jets.random(4, 20, COUNTS);
        Random rnd = new Random(7);
        float[] shuffled = jets.values().clone();
        int[][] perms = new int[COUNTS.length][];
        for (int j = 0; j < COUNTS.length; j++) {
            int n = COUNTS[j];
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int r = rnd.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[r];
                perm[r] = t;
            }
            for (int i = 0; i < n; i++) {
                System.arraycopy(
                        jets.values(), (j * 20 + i) * 4, shuffled, (j * 20 + perm[i]) * 4, 4);
            }
            perms[j] = perm;
        }
        PaddedParticles other =
                new PaddedParticles(
                        COUNTS.length, 20, 4, shuffled, COUNTS, jets.labels(), jets.featureNames());
        try (NDManager m = NDManager.newBaseManager()) {
            KnnGraph knn = KnnGraph.deltaR(3);
            List<Graph> a = knn.build(m, jets).toGraphs();
            List<Graph> b = knn.build(m, other).toGraphs();
            for (int j = 0; j < COUNTS.length; j++) {
                Jets.assertSameEdgesUpToRelabelling(a.get(j), b.get(j), perms[j]);
            }
        }
    }

    @Test
    void emptyJetIsRefusedWithItsIndexOrSkipped() {
        PaddedParticles jets = Jets.random(5, 10, 3, 4, 0, 5);
        try (NDManager m = NDManager.newBaseManager()) {
            InvalidGraphException ex =
                    assertThrows(
                            InvalidGraphException.class, () -> KnnGraph.deltaR(2).build(m, jets));
            assertTrue(ex.getMessage().contains("jet 2 has 0 particles"), ex.getMessage());
            assertTrue(ex.getMessage().contains("optSkipEmpty(true)"), ex.getMessage());
            GraphBatch batch = KnnGraph.deltaR(2).optSkipEmpty(true).build(m, jets);
            Jets.assertBatchLayout(batch, 3, 4, 5);
            assertEquals(List.of(0L, 1L, 1L), toList(batch.y().toLongArray()));
        }
    }

    @Test
    void missingFeatureNameIsNamed() {
        PaddedParticles jets = Jets.random(6, 5, 3, 4);
        PaddedParticles renamed =
                new PaddedParticles(
                        2,
                        5,
                        4,
                        jets.values(),
                        jets.counts(),
                        jets.labels(),
                        List.of("pt", "rapidity", "phi", "e"));
        try (NDManager m = NDManager.newBaseManager()) {
            InvalidGraphException ex =
                    assertThrows(
                            InvalidGraphException.class,
                            () -> KnnGraph.deltaR(2).build(m, renamed));
            assertTrue(ex.getMessage().startsWith("KnnGraph:"), ex.getMessage());
            assertTrue(ex.getMessage().contains("no 'eta'"), ex.getMessage());
        }
    }

    @Test
    void badKIsRefused() {
        InvalidArgumentException ex =
                assertThrows(InvalidArgumentException.class, () -> KnnGraph.deltaR(0));
        assertTrue(ex.getMessage().contains("k = 0"), ex.getMessage());
    }

    @Test
    void toStringShowsOptions() {
        assertEquals(
                "KnnGraph(deltaR, k=8, loop=true, nodeFeatures=RELATIVE, skipEmpty=false)",
                KnnGraph.deltaR(8)
                        .optLoop(true)
                        .optNodeFeatures(JetNodeFeatures.RELATIVE)
                        .toString());
    }

    private static List<Long> toList(long[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
