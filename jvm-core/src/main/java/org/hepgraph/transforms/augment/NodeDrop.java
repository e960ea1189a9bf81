package org.hepgraph.transforms.augment;

import java.util.Random;
import org.hepgraph.data.Graph;

/**
 * Node dropping (GraphCL's {@code drop_nodes}): removes {@code ⌊rate · N⌋} nodes chosen uniformly
 * without replacement, together with every edge that touches them.
 *
 * <p>The kept nodes keep their order and are renumbered {@code 0..N'-1}; kept edges keep their
 * order and their edge features; positions and the label ride along. At least one node is always
 * kept. Option: {@code rate} in [0, 1) (GraphCL uses 0.2). A rate of 0 returns an equal graph.
 */
public final class NodeDrop implements GraphAugmentation {

    private final double rate;

    /** Drops {@code ⌊rate · N⌋} nodes of each graph; {@code rate} in [0, 1). */
    public NodeDrop(double rate) {
        this.rate = Augmentations.checkRate("NodeDrop", "rate", rate);
    }

    public double rate() {
        return rate;
    }

    @Override
    public Graph apply(Graph graph, Random random) {
        int n = graph.numNodes();
        int drop = Math.min((int) Math.floor(rate * n), n - 1);
        if (drop <= 0) {
            return graph;
        }
        boolean[] dropped = Augmentations.choose(n, drop, random);
        int[] newId = new int[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            newId[i] = dropped[i] ? -1 : kept++;
        }
        int f = graph.numFeatures();
        int p = graph.posDim();
        float[] x = graph.x();
        float[] pos = graph.pos();
        float[] nx = new float[kept * f];
        float[] npos = new float[kept * p];
        for (int i = 0; i < n; i++) {
            if (newId[i] >= 0) {
                System.arraycopy(x, i * f, nx, newId[i] * f, f);
                System.arraycopy(pos, i * p, npos, newId[i] * p, p);
            }
        }
        long[] ei = graph.edgeIndex();
        int e = graph.numEdges();
        int d = graph.edgeDim();
        float[] ea = graph.edgeAttr();
        int keptEdges = 0;
        for (int k = 0; k < e; k++) {
            if (newId[(int) ei[k]] >= 0 && newId[(int) ei[e + k]] >= 0) {
                keptEdges++;
            }
        }
        long[] nei = new long[2 * keptEdges];
        float[] nea = new float[keptEdges * d];
        int c = 0;
        for (int k = 0; k < e; k++) {
            int s = newId[(int) ei[k]];
            int t = newId[(int) ei[e + k]];
            if (s >= 0 && t >= 0) {
                nei[c] = s;
                nei[keptEdges + c] = t;
                System.arraycopy(ea, k * d, nea, c * d, d);
                c++;
            }
        }
        Graph.Builder b = Augmentations.like(graph, kept, nx, npos).edges(nei);
        if (d > 0) {
            b.edgeAttr(d, nea);
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "NodeDrop(rate=" + rate + ")";
    }
}
