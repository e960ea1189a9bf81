package org.hepgraph.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Graph sets with a planted structural anomaly, for detector tests: normal graphs are rings of 8–14
 * nodes; anomalies are the same rings with a clique planted on 5 of their nodes. Node features are
 * N(0, 1) in both, so only the structure tells them apart.
 */
public final class PlantedAnomalies {

    /** Node features of every graph. */
    public static final int FEATURES = 3;

    /** Nodes of the planted clique. */
    public static final int CLIQUE = 5;

    private PlantedAnomalies() {}

    /** {@code count} normal rings (label 0). */
    public static List<Graph> rings(long seed, int count) {
        Random r = new Random(seed);
        List<Graph> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(graph(r, false));
        }
        return out;
    }

    /** {@code count} rings with a planted clique (label 1). */
    public static List<Graph> cliques(long seed, int count) {
        Random r = new Random(seed);
        List<Graph> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(graph(r, true));
        }
        return out;
    }

    /** {@code normals} rings then {@code anomalies} planted cliques, each from its own seed. */
    public static List<Graph> testSet(long seed, int normals, int anomalies) {
        List<Graph> out = new ArrayList<>(rings(seed, normals));
        out.addAll(cliques(seed + 1, anomalies));
        return out;
    }

    /** The labels of {@code graphs}. */
    public static int[] labels(List<Graph> graphs) {
        return graphs.stream().mapToInt(Graph::y).toArray();
    }

    private static Graph graph(Random r, boolean clique) {
        int n = 8 + r.nextInt(7);
        float[] x = new float[n * FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        List<long[]> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            edges.add(new long[] {i, (i + 1) % n});
            edges.add(new long[] {(i + 1) % n, i});
        }
        if (clique) {
            int[] members = r.ints(0, n).distinct().limit(CLIQUE).toArray();
            for (int a : members) {
                for (int b : members) {
                    if (a != b && Math.floorMod(a - b, n) != 1 && Math.floorMod(b - a, n) != 1) {
                        edges.add(new long[] {a, b});
                    }
                }
            }
        }
        long[] ei = new long[2 * edges.size()];
        for (int k = 0; k < edges.size(); k++) {
            ei[k] = edges.get(k)[0];
            ei[edges.size() + k] = edges.get(k)[1];
        }
        return Graph.builder(n, FEATURES, x).edges(ei).y(clique ? 1 : 0).build();
    }
}
