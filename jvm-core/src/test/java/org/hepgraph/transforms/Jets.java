package org.hepgraph.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.data.PaddedParticles;

/** Test jets, brute-force references and the shared edge-set assertions. */
final class Jets {

    private Jets() {}

    /** Random jets (pt, eta, phi, e) with the given counts; φ spans the whole circle. */
    static PaddedParticles random(long seed, int maxParticles, int... counts) {
        Random rnd = new Random(seed);
        float[] v = new float[counts.length * maxParticles * 4];
        int[] labels = new int[counts.length];
        for (int j = 0; j < counts.length; j++) {
            labels[j] = j % 2;
            for (int p = 0; p < counts[j]; p++) {
                float pt = (float) (1 + 50 * rnd.nextDouble());
                float eta = (float) (0.5 * rnd.nextGaussian());
                float phi = (float) (Math.PI * (2 * rnd.nextDouble() - 1));
                float e = (float) (pt * Math.cosh(eta));
                int o = (j * maxParticles + p) * 4;
                v[o] = pt;
                v[o + 1] = eta;
                v[o + 2] = phi;
                v[o + 3] = e;
            }
        }
        return new PaddedParticles(
                counts.length,
                maxParticles,
                4,
                v,
                counts.clone(),
                labels,
                PaddedParticles.PT_ETA_PHI_E);
    }

    /** Jets given as rows of (pt, eta, phi, e), one array of rows per jet. */
    static PaddedParticles of(float[][]... jets) {
        int max = 1;
        for (float[][] jet : jets) {
            max = Math.max(max, jet.length);
        }
        float[] v = new float[jets.length * max * 4];
        int[] counts = new int[jets.length];
        for (int j = 0; j < jets.length; j++) {
            counts[j] = jets[j].length;
            for (int p = 0; p < jets[j].length; p++) {
                System.arraycopy(jets[j][p], 0, v, (j * max + p) * 4, 4);
            }
        }
        return new PaddedParticles(
                jets.length, max, 4, v, counts, new int[jets.length], PaddedParticles.PT_ETA_PHI_E);
    }

    static double deltaR(PaddedParticles jets, int jet, int i, int j) {
        double deta = jets.get(jet, i, 1) - jets.get(jet, j, 1);
        double dphi = jets.get(jet, i, 2) - jets.get(jet, j, 2);
        while (dphi > Math.PI) {
            dphi -= 2 * Math.PI;
        }
        while (dphi < -Math.PI) {
            dphi += 2 * Math.PI;
        }
        return Math.sqrt(deta * deta + dphi * dphi);
    }

    /** Brute-force kNN: edges j → i for the k nearest j ≠ i, as {src, dst} pairs. */
    static Set<List<Long>> knnReference(PaddedParticles jets, int jet, int k) {
        int n = jets.counts()[jet];
        Set<List<Long>> edges = new HashSet<>();
        for (int i = 0; i < n; i++) {
            List<Integer> others = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    others.add(j);
                }
            }
            final int centre = i;
            others.sort(
                    (a, b) ->
                            Double.compare(
                                    deltaR(jets, jet, centre, a), deltaR(jets, jet, centre, b)));
            for (int t = 0; t < Math.min(k, others.size()); t++) {
                edges.add(List.of((long) others.get(t), (long) i));
            }
        }
        return edges;
    }

    /** Brute-force radius graph: edges j → i for j ≠ i with ΔR ≤ r. */
    static Set<List<Long>> radiusReference(PaddedParticles jets, int jet, double r) {
        int n = jets.counts()[jet];
        Set<List<Long>> edges = new HashSet<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (j != i && deltaR(jets, jet, i, j) <= r) {
                    edges.add(List.of((long) j, (long) i));
                }
            }
        }
        return edges;
    }

    /** The edges of a graph as a set of {src, dst} pairs. */
    static Set<List<Long>> edgeSet(Graph g) {
        long[] ei = g.edgeIndex();
        int e = g.numEdges();
        Set<List<Long>> set = new HashSet<>();
        for (int k = 0; k < e; k++) {
            set.add(List.of(ei[k], ei[e + k]));
        }
        assertEquals(e, set.size(), "duplicate edges");
        return set;
    }

    /** In-degree (number of incoming edges) of every node. */
    static int[] inDegree(Graph g) {
        int[] deg = new int[g.numNodes()];
        long[] ei = g.edgeIndex();
        for (int k = g.numEdges(); k < ei.length; k++) {
            deg[(int) ei[k]]++;
        }
        return deg;
    }

    /** ptr is the prefix sum of counts, and batch[i] names the graph of node i. */
    static void assertBatchLayout(GraphBatch batch, int... counts) {
        long[] ptr = new long[counts.length + 1];
        for (int j = 0; j < counts.length; j++) {
            ptr[j + 1] = ptr[j] + counts[j];
        }
        assertArrayEquals(ptr, batch.ptr());
        long[] b = batch.batch().toLongArray();
        assertEquals(ptr[counts.length], b.length);
        for (int j = 0; j < counts.length; j++) {
            for (long i = ptr[j]; i < ptr[j + 1]; i++) {
                assertEquals(j, b[(int) i]);
            }
        }
    }

    /**
     * Edge sets of {@code a} and {@code b} agree when node {@code i} of {@code a} is node {@code
     * perm[i]} of {@code b}.
     */
    static void assertSameEdgesUpToRelabelling(Graph a, Graph b, int[] perm) {
        Set<List<Long>> mapped = new HashSet<>();
        for (List<Long> edge : edgeSet(a)) {
            mapped.add(
                    List.of(
                            (long) perm[edge.get(0).intValue()],
                            (long) perm[edge.get(1).intValue()]));
        }
        assertEquals(edgeSet(b), mapped);
    }
}
