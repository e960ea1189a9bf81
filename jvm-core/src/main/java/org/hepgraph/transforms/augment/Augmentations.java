package org.hepgraph.transforms.augment;

import java.util.Random;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;

/** Helpers shared by the augmentations of this package. */
final class Augmentations {

    private Augmentations() {}

    /** Checks that {@code rate} lies in [0, 1) and returns it. */
    static double checkRate(String owner, String name, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new InvalidArgumentException(
                    owner
                            + ": "
                            + name
                            + " must lie in [0, 1), got "
                            + rate
                            + "; it is the fraction of the graph changed by each view");
        }
        return rate;
    }

    /**
     * {@code count} distinct indices out of {@code [0, n)}, chosen uniformly, as a mask (a partial
     * Fisher–Yates shuffle: exactly {@code count} draws).
     */
    static boolean[] choose(int n, int count, Random random) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        boolean[] chosen = new boolean[n];
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            chosen[idx[i]] = true;
        }
        return chosen;
    }

    /** A builder for a graph with {@code x}, keeping {@code g}'s label and positions. */
    static Graph.Builder like(Graph g, int numNodes, float[] x, float[] pos) {
        Graph.Builder b = Graph.builder(numNodes, g.numFeatures(), x).y(g.y());
        if (g.posDim() > 0) {
            b.pos(g.posDim(), pos);
        }
        return b;
    }
}
