package org.hepgraph.transforms;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.data.GraphBatch;

/**
 * Makes every edge two-way, as PyG's {@code ToUndirected}: adds {@code j → i} for every {@code i →
 * j}, then removes duplicate edges.
 *
 * <p>The result is sorted by (target, source), so it is deterministic and applying the transform
 * again changes nothing. When the batch has edge features {@code [E, D]}, a reverse edge copies the
 * features of the edge it reverses, and of duplicate edges the first one in input order wins (an
 * original edge over an added reverse; PyG sums duplicates instead). Self loops stay single.
 *
 * <p>The reverse and the feature gather are NDArray code; the sort is two stable counting sorts (by
 * source, then by target) over the edges on the host, {@code O(E + N)}, with no per-graph loop. The
 * new arrays live in the manager of the batch's {@code x}; {@code x}, {@code y} and {@code ptr} are
 * shared with the input.
 */
public final class ToUndirected {

    private ToUndirected() {}

    /** The undirected version of {@code batch}: {@code edgeIndex [2, E']}, {@code E' ≤ 2E}. */
    public static GraphBatch apply(GraphBatch batch) {
        NDArray ei = batch.edgeIndex();
        NDArray both = ei.concat(ei.flip(0), 1);
        long[] flat = both.toLongArray();
        int e = flat.length / 2;
        int n = Math.toIntExact(batch.numNodes());
        for (long v : flat) {
            if (v < 0 || v >= n) {
                throw new InvalidGraphException(
                        String.format(
                                "ToUndirected: edgeIndex holds node %d but the batch has %d nodes;"
                                        + " indices must lie in [0, %d)",
                                v, n, n));
            }
        }
        int[] bySource = countingSort(flat, 0, identity(e), n);
        int[] order = countingSort(flat, e, bySource, n);
        int[] keep = new int[e];
        int kept = 0;
        for (int t = 0; t < e; t++) {
            int k = order[t];
            if (kept > 0) {
                int last = keep[kept - 1];
                if (flat[k] == flat[last] && flat[e + k] == flat[e + last]) {
                    continue;
                }
            }
            keep[kept++] = k;
        }
        long[] picked = new long[kept];
        for (int t = 0; t < kept; t++) {
            picked[t] = keep[t];
        }
        NDManager m = batch.x().getManager();
        NDArray index = m.create(picked).toDevice(ei.getDevice(), false);
        NDArray edgeIndex = both.get(new NDIndex(":, {}", index));
        NDArray edgeAttr = batch.edgeAttr();
        if (edgeAttr != null) {
            NDArray doubled = edgeAttr.concat(edgeAttr, 0);
            edgeAttr = doubled.get(index.toDevice(doubled.getDevice(), false));
        }
        return GraphBatch.fromArrays(batch.x(), edgeIndex, edgeAttr, batch.ptr(), batch.y());
    }

    private static int[] identity(int e) {
        int[] id = new int[e];
        for (int k = 0; k < e; k++) {
            id[k] = k;
        }
        return id;
    }

    /** Stable counting sort of the edge ids {@code in} by {@code flat[row + id]} in [0, n). */
    private static int[] countingSort(long[] flat, int row, int[] in, int n) {
        int[] start = new int[n + 1];
        for (int id : in) {
            start[(int) flat[row + id] + 1]++;
        }
        for (int v = 0; v < n; v++) {
            start[v + 1] += start[v];
        }
        int[] out = new int[in.length];
        for (int id : in) {
            out[start[(int) flat[row + id]]++] = id;
        }
        return out;
    }
}
