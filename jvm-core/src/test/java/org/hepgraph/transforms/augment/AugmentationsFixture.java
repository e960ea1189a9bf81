package org.hepgraph.transforms.augment;

import org.hepgraph.data.Graph;

/** A small graph whose features, edge features and positions identify each node and edge. */
final class AugmentationsFixture {

    private AugmentationsFixture() {}

    /**
     * A ring of {@code n} nodes (both directions, 2n edges); node {@code i} has features {@code (i,
     * 10 i)} and position {@code (100 − i)}; edge {@code s → t} has feature {@code 100 s + t}.
     */
    static Graph labelledRing(int n) {
        float[] x = new float[2 * n];
        float[] pos = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 10 * i;
            pos[i] = 100 - i;
        }
        int e = 2 * n;
        long[] ei = new long[2 * e];
        float[] ea = new float[e];
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            ei[2 * i] = i;
            ei[e + 2 * i] = j;
            ei[2 * i + 1] = j;
            ei[e + 2 * i + 1] = i;
            ea[2 * i] = 100 * i + j;
            ea[2 * i + 1] = 100 * j + i;
        }
        return Graph.builder(n, 2, x).edges(ei).edgeAttr(1, ea).pos(1, pos).y(1).build();
    }
}
