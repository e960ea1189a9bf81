package org.hepgraph.transforms;

import java.util.ArrayList;
import java.util.List;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;

/**
 * Splits a batch into Java {@link Graph}s in one pass over the nodes and one over the edges (a
 * counting sort of the edges by graph), instead of one scan of all edges per graph. Edge features
 * are not carried: the builders make none.
 */
final class BatchSplit {

    private BatchSplit() {}

    static List<Graph> toGraphs(GraphBatch batch) {
        int b = batch.numGraphs();
        int f = batch.numFeatures();
        long[] ptr = batch.ptr();
        float[] x = batch.x().toFloatArray();
        long[] ei = batch.edgeIndex().toLongArray();
        long[] graphOf = batch.batch().toLongArray();
        long[] y = batch.y().toLongArray();
        int e = ei.length / 2;
        int[] start = new int[b + 1];
        for (int k = 0; k < e; k++) {
            start[(int) graphOf[(int) ei[e + k]] + 1]++;
        }
        for (int g = 0; g < b; g++) {
            start[g + 1] += start[g];
        }
        long[][] edges = new long[b][];
        for (int g = 0; g < b; g++) {
            edges[g] = new long[2 * (start[g + 1] - start[g])];
        }
        int[] fill = new int[b];
        for (int k = 0; k < e; k++) {
            int g = (int) graphOf[(int) ei[e + k]];
            int n = edges[g].length / 2;
            edges[g][fill[g]] = ei[k] - ptr[g];
            edges[g][n + fill[g]++] = ei[e + k] - ptr[g];
        }
        List<Graph> out = new ArrayList<>(b);
        for (int g = 0; g < b; g++) {
            int n = (int) (ptr[g + 1] - ptr[g]);
            float[] xs = new float[n * f];
            System.arraycopy(x, (int) ptr[g] * f, xs, 0, xs.length);
            out.add(Graph.builder(n, f, xs).edges(edges[g]).y((int) y[g]).build());
        }
        return out;
    }
}
