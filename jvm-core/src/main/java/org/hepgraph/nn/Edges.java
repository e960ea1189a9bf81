package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.hepgraph.HepgraphException.InvalidGraphException;

/**
 * The edges of one forward pass, checked once and kept on both sides: host arrays for building the
 * constant aggregation structures, device arrays for gathering node rows.
 *
 * <p>Messages flow from {@code source = edgeIndex[0]} to {@code target = edgeIndex[1]}; layers
 * aggregate at the target, as PyG's default {@code flow="source_to_target"}.
 */
public final class Edges {

    private final int numNodes;
    private final long[] source;
    private final long[] target;
    private final NDArray sourceIndex;
    private final NDArray targetIndex;

    private Edges(int numNodes, long[] source, long[] target, NDManager manager) {
        this.numNodes = numNodes;
        this.source = source;
        this.target = target;
        this.sourceIndex = manager.create(source);
        this.targetIndex = manager.create(target);
    }

    /**
     * Reads and checks {@code edgeIndex [2, E]} for a graph of {@code numNodes} nodes.
     *
     * @param owner the layer name for error messages
     */
    public static Edges of(NDArray edgeIndex, int numNodes, String owner) {
        if (edgeIndex.getShape().dimension() != 2 || edgeIndex.getShape().get(0) != 2) {
            throw new InvalidGraphException(
                    owner
                            + ": edgeIndex has shape "
                            + edgeIndex.getShape()
                            + " but must be [2, E] (sources in row 0, targets in row 1)");
        }
        long[] flat = edgeIndex.toType(DataType.INT64, false).toLongArray();
        int e = flat.length / 2;
        long[] src = new long[e];
        long[] dst = new long[e];
        System.arraycopy(flat, 0, src, 0, e);
        System.arraycopy(flat, e, dst, 0, e);
        for (int row = 0; row < 2; row++) {
            long[] ids = row == 0 ? src : dst;
            for (int k = 0; k < e; k++) {
                if (ids[k] < 0 || ids[k] >= numNodes) {
                    throw new InvalidGraphException(
                            String.format(
                                    "%s: edgeIndex[%d, %d] holds node %d but the graph has %d "
                                            + "nodes; indices must lie in [0, %d)",
                                    owner, row, k, ids[k], numNodes, numNodes));
                }
            }
        }
        return new Edges(numNodes, src, dst, edgeIndex.getManager());
    }

    public int numNodes() {
        return numNodes;
    }

    public int numEdges() {
        return source.length;
    }

    /** {@code h[source[e]]} for every edge: {@code [N, ...]} → {@code [E, ...]} ("x_j"). */
    public NDArray gatherSource(NDArray h) {
        return h.get(sourceIndex);
    }

    /** {@code h[target[e]]} for every edge: {@code [N, ...]} → {@code [E, ...]} ("x_i"). */
    public NDArray gatherTarget(NDArray h) {
        return h.get(targetIndex);
    }

    /** Reduces per-edge values {@code [E, ...]} at their target nodes → {@code [N, ...]}. */
    public NDArray aggregate(NDArray messages, Aggregation aggregation) {
        return switch (aggregation) {
            case SUM -> Segment.sum(messages, target, numNodes);
            case MEAN -> Segment.mean(messages, target, numNodes);
            case MAX -> Segment.max(messages, target, numNodes);
        };
    }

    /** The in-degree of every node (edges counted at their target). */
    public float[] inDegree() {
        float[] deg = new float[numNodes];
        for (long t : target) {
            deg[(int) t] += 1f;
        }
        return deg;
    }

    /** Source ids (host copy). */
    public long[] source() {
        return source.clone();
    }

    /** Target ids (host copy). */
    public long[] target() {
        return target.clone();
    }

    /** These edges plus one self loop {@code i → i} per node, appended at the end. */
    public Edges withSelfLoops(NDManager manager) {
        int e = source.length;
        long[] src = new long[e + numNodes];
        long[] dst = new long[e + numNodes];
        System.arraycopy(source, 0, src, 0, e);
        System.arraycopy(target, 0, dst, 0, e);
        for (int i = 0; i < numNodes; i++) {
            src[e + i] = i;
            dst[e + i] = i;
        }
        return new Edges(numNodes, src, dst, manager);
    }

    // ---- Self-loop variants for GCNConv / GATConv (layers branch) --------------------------
    // Written against the public methods only (numNodes, numEdges, source, target, of), so that
    // the block works whatever Edges stores. Each call builds new Edges from host arrays; a
    // per-batch edge plan can cache the results (keyed by the kind and the fill) without changing
    // the callers. Per-edge values are gathered on the device from the caller's arrays, so
    // gradients still reach edge weights and edge features.

    /** Ids of the edges that are not self loops, in their original order (host). */
    public long[] nonSelfLoopIds() {
        long[] src = source();
        long[] dst = target();
        int kept = 0;
        long[] ids = new long[src.length];
        for (int e = 0; e < src.length; e++) {
            if (src[e] != dst[e]) {
                ids[kept++] = e;
            }
        }
        return java.util.Arrays.copyOf(ids, kept);
    }

    /** These edges without any self loop {@code i → i} (PyG's {@code remove_self_loops}). */
    public Edges withoutSelfLoops(NDManager manager) {
        long[] ids = nonSelfLoopIds();
        return fromHost(manager, ids, 0);
    }

    /**
     * PyG's {@code add_remaining_self_loops}: the edges that are not self loops (in order), then
     * one self loop per node. A node that already had a self loop keeps that loop's weight (the
     * last one when it had several); the others get {@code fill}.
     *
     * @param edgeWeight {@code [E]} (or {@code [E, 1]})
     * @return the new edges and their weights {@code [E']}, gathered from {@code edgeWeight} (so
     *     gradients reach it) and {@code fill}
     */
    public Weighted withRemainingSelfLoops(NDManager manager, NDArray edgeWeight, float fill) {
        long[] ids = nonSelfLoopIds();
        long[] src = source();
        long[] dst = target();
        int e = src.length;
        // Row k of the new weights is row weightRow[k] of [edgeWeight; fill] (row e is the fill).
        long[] weightRow = java.util.Arrays.copyOf(ids, ids.length + numNodes());
        java.util.Arrays.fill(weightRow, ids.length, weightRow.length, e);
        for (int k = 0; k < e; k++) {
            if (src[k] == dst[k]) {
                weightRow[ids.length + (int) src[k]] = k;
            }
        }
        NDArray weights = edgeWeight.reshape(e);
        NDArray fillRow = manager.create(new float[] {fill}).toType(weights.getDataType(), false);
        NDArray gathered = weights.concat(fillRow).get(manager.create(weightRow));
        return new Weighted(fromHost(manager, ids, numNodes()), gathered);
    }

    /** Edges with one weight per edge. */
    public record Weighted(Edges edges, NDArray weight) {}

    /**
     * The edges {@code ids} of these (in that order), then {@code loops} self loops {@code i → i}
     * for {@code i < loops}, as new Edges on {@code manager}.
     */
    private Edges fromHost(NDManager manager, long[] ids, int loops) {
        long[] src = source();
        long[] dst = target();
        int kept = ids.length;
        long[] flat = new long[2 * (kept + loops)];
        for (int k = 0; k < kept; k++) {
            flat[k] = src[(int) ids[k]];
            flat[kept + loops + k] = dst[(int) ids[k]];
        }
        for (int i = 0; i < loops; i++) {
            flat[kept + i] = i;
            flat[2 * kept + loops + i] = i;
        }
        NDArray edgeIndex = manager.create(flat, new ai.djl.ndarray.types.Shape(2, kept + loops));
        return of(edgeIndex, numNodes(), "Edges");
    }

    // ---- end of self-loop variants -----------------------------------------------------------

    /** How messages arriving at a node are combined. */
    public enum Aggregation {
        SUM,
        MEAN,
        MAX
    }
}
