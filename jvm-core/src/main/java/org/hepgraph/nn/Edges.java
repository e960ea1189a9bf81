package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.data.EdgePlan;

/**
 * The edges of one forward pass, read from the batch's {@link EdgePlan}: every index structure a
 * layer needs was computed on the host when the batch was built and lives on the device; nothing
 * here copies indices back to the host.
 *
 * <p>Messages flow from {@code source = edgeIndex[0]} to {@code target = edgeIndex[1]}; layers
 * aggregate at the target, as PyG's default {@code flow="source_to_target"}.
 *
 * <p>How sums and means are computed (all exact, gradients to the messages):
 *
 * <ul>
 *   <li>{@link #aggregateSource} (messages that are rows of a node array, as GIN and SAGE send):
 *       for batches of small graphs, {@code A · X} with each graph's dense adjacency {@code [B, P,
 *       P]} (a batched matmul, the cheapest form measured for jets, docs/benchmarks.md); otherwise
 *       as {@link #aggregate} of {@link #gatherSource}.
 *   <li>{@link #aggregate}: when every node has the same in-degree {@code k} and edges come sorted
 *       by target (kNN graphs), {@code messages.reshape(N, k, F).sum(1)}; otherwise a gather into
 *       the plan's padded slot table {@code [N, D, F]} times 0/1 (or 1/degree) weights, summed. Max
 *       uses the same table with {@code -inf} padding; nodes without edges get 0, as in PyG.
 *   <li>Gathers use {@code gather} along axis 0 with a broadcast index, whose backward is a
 *       scatter-add (the advanced-index {@code get} backward is several times slower on CPU).
 * </ul>
 */
public final class Edges {

    /**
     * Which aggregation forms may be chosen, for measuring them against each other: {@code auto}
     * (default: all), {@code nodense} (no dense adjacency), {@code slots} (neither the dense
     * adjacency nor the fixed-degree reshape). Set with {@code -Dhepgraph.edges=...}.
     */
    static final String FORMS = System.getProperty("hepgraph.edges", "auto");

    private final EdgePlan plan;

    private Edges(EdgePlan plan) {
        this.plan = plan;
    }

    /** The edges of a planned batch (no host work). */
    public static Edges of(EdgePlan plan) {
        return new Edges(plan);
    }

    /**
     * The edges {@code edgeIndex [2, E]} of a graph of {@code numNodes} nodes: the plan of the
     * batch the array belongs to, or, for an array that no batch planned, a plan built (and
     * checked) from one host copy and reused by later layers.
     *
     * @param owner the layer name for error messages
     */
    public static Edges of(NDArray edgeIndex, int numNodes, String owner) {
        Shape shape = edgeIndex.getShape();
        if (shape.dimension() != 2 || shape.get(0) != 2) {
            throw new InvalidGraphException(
                    owner
                            + ": edgeIndex has shape "
                            + shape
                            + " but must be [2, E] (sources in row 0, targets in row 1)");
        }
        EdgePlan plan = EdgePlan.lookup(edgeIndex);
        if (plan == null || plan.numNodes() != numNodes || plan.numEdges() != shape.get(1)) {
            Layers.HOST_INDEX_READS.incrementAndGet();
            plan = EdgePlan.forEdgeIndex(edgeIndex, numNodes, owner);
        }
        return new Edges(plan);
    }

    /** The plan these edges read from. */
    public EdgePlan plan() {
        return plan;
    }

    public int numNodes() {
        return plan.numNodes();
    }

    public int numEdges() {
        return plan.numEdges();
    }

    /** {@code h[source[e]]} for every edge: {@code [N, ...]} → {@code [E, ...]} ("x_j"). */
    public NDArray gatherSource(NDArray h) {
        return rows(h, "source", plan.sourceIndex());
    }

    /** {@code h[target[e]]} for every edge: {@code [N, ...]} → {@code [E, ...]} ("x_i"). */
    public NDArray gatherTarget(NDArray h) {
        return rows(h, "target", plan.targetIndex());
    }

    /** Reduces per-edge values {@code [E, ...]} at their target nodes → {@code [N, ...]}. */
    public NDArray aggregate(NDArray messages, Aggregation aggregation) {
        Shape shape = messages.getShape();
        int n = plan.numNodes();
        long width = Segment.rowWidth(shape);
        Shape out = Segment.outShape(shape, n);
        if (plan.numEdges() == 0) {
            return messages.getManager().zeros(out, messages.getDataType(), messages.getDevice());
        }
        NDArray flat = messages.reshape(plan.numEdges(), width);
        int k = plan.uniformInDegree();
        if (aggregation != Aggregation.MAX
                && k > 0
                && plan.sortedByTarget()
                && !"slots".equals(FORMS)) {
            NDArray grouped = flat.reshape(n, k, width);
            NDArray reduced =
                    aggregation == Aggregation.MEAN
                            ? grouped.mean(new int[] {1})
                            : grouped.sum(new int[] {1});
            return reduced.reshape(out);
        }
        NDArray gathered =
                flat.gather(plan.rowIndex("targetSlots", plan.targetSlots(), width), 0)
                        .reshape(n, Math.max(1, plan.maxInDegree()), width);
        return Segment.reducePadded(
                        gathered,
                        aggregation,
                        plan.slotWeights(aggregation == Aggregation.MEAN, messages.getDataType()),
                        plan.hasIncoming())
                .reshape(out);
    }

    /**
     * {@code aggregate(gatherSource(h))} in one step: the rows of the node array {@code h [N, ...]}
     * of every edge's source reduced at its target (PyG's fused {@code message_and_aggregate}). For
     * sum and mean on batches of small graphs this is a batched matmul with each graph's dense
     * adjacency and never materialises the {@code [E, ...]} messages.
     */
    public NDArray aggregateSource(NDArray h, Aggregation aggregation) {
        if (aggregation == Aggregation.MAX || !"auto".equals(FORMS) || !plan.denseAdjacencyFits()) {
            return aggregate(gatherSource(h), aggregation);
        }
        Shape shape = h.getShape();
        long width = Segment.rowWidth(shape);
        int b = plan.numGraphs();
        int p = plan.maxGraphSize();
        NDArray padded =
                h.reshape(plan.numNodes(), width)
                        .gather(plan.rowIndex("paddedNodes", plan.paddedNodes(), width), 0)
                        .reshape(b, p, width);
        NDArray adjacency = plan.denseAdjacency(aggregation == Aggregation.MEAN, h.getDataType());
        return adjacency
                .batchMatMul(padded)
                .reshape((long) b * p, width)
                .gather(plan.rowIndex("unpaddedNodes", plan.unpaddedNodes(), width), 0)
                .reshape(shape);
    }

    /** The in-degree of every node (edges counted at their target). */
    public float[] inDegree() {
        int[] deg = plan.inDegree();
        float[] out = new float[deg.length];
        for (int i = 0; i < deg.length; i++) {
            out[i] = deg[i];
        }
        return out;
    }

    /** Source ids (host copy, from the plan). */
    public long[] source() {
        return plan.source();
    }

    /** Target ids (host copy, from the plan). */
    public long[] target() {
        return plan.target();
    }

    /**
     * These edges plus one self loop {@code i → i} per node, appended at the end. Built once per
     * plan and shared by every layer of the batch; its arrays live in the plan's scope ({@code
     * manager} is not used and is kept for callers of the earlier signature).
     */
    public Edges withSelfLoops(NDManager manager) {
        return new Edges(plan.withSelfLoops());
    }

    /** Rows of {@code h [N, ...]} at {@code index [M]} → {@code [M, ...]}, by {@code gather}. */
    private NDArray rows(NDArray h, String name, NDArray index) {
        Shape shape = h.getShape();
        long width = Segment.rowWidth(shape);
        long m = index.getShape().get(0);
        NDArray gathered =
                h.reshape(plan.numNodes(), width).gather(plan.rowIndex(name, index, width), 0);
        return gathered.reshape(Segment.outShape(shape, (int) m));
    }

    // ---- Self-loop variants for GCNConv / GATConv (layers branch) --------------------------
    // PyG's remove_self_loops / add_remaining_self_loops. The derived edge sets (and the index
    // that gathers their weights) are built from the plan's host arrays once per batch and cached
    // in the plan, so every layer of the batch shares them; they live in the plan's scope (the
    // manager arguments are kept for the callers' signature). Per-edge values are gathered on the
    // device from the caller's arrays, so gradients still reach edge weights and edge features.

    /** Ids of the edges that are not self loops, in their original order (host, a copy). */
    public long[] nonSelfLoopIds() {
        long[] ids =
                plan.cached(
                        "nonSelfLoopIds",
                        p -> {
                            long[] src = p.source();
                            long[] dst = p.target();
                            int kept = 0;
                            long[] out = new long[src.length];
                            for (int e = 0; e < src.length; e++) {
                                if (src[e] != dst[e]) {
                                    out[kept++] = e;
                                }
                            }
                            return java.util.Arrays.copyOf(out, kept);
                        });
        return ids.clone();
    }

    /** These edges without any self loop {@code i → i} (PyG's {@code remove_self_loops}). */
    public Edges withoutSelfLoops(NDManager manager) {
        return new Edges(plan.cached("withoutSelfLoops", p -> subset(nonSelfLoopIds(), 0)));
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
        int e = numEdges();
        EdgePlan looped =
                plan.cached("withRemainingSelfLoops", p -> subset(nonSelfLoopIds(), numNodes()));
        // Row k of the new weights is row weightRow[k] of [edgeWeight; fill] (row e is the fill).
        NDArray weightRow =
                plan.cached(
                        "withRemainingSelfLoops.weightRow",
                        p -> {
                            long[] ids = nonSelfLoopIds();
                            long[] src = p.source();
                            long[] dst = p.target();
                            long[] rows = java.util.Arrays.copyOf(ids, ids.length + numNodes());
                            java.util.Arrays.fill(rows, ids.length, rows.length, e);
                            for (int k = 0; k < e; k++) {
                                if (src[k] == dst[k]) {
                                    rows[ids.length + (int) src[k]] = k;
                                }
                            }
                            return p.manager().create(rows);
                        });
        NDArray weights = edgeWeight.reshape(e);
        NDArray fillRow = manager.create(new float[] {fill}).toType(weights.getDataType(), false);
        NDArray gathered = weights.concat(fillRow).get(weightRow);
        return new Weighted(new Edges(looped), gathered);
    }

    /** Edges with one weight per edge. */
    public record Weighted(Edges edges, NDArray weight) {}

    /**
     * The edges {@code ids} of these (in that order), then {@code loops} self loops {@code i → i}
     * for {@code i < loops}, planned from host arrays (no device read).
     */
    private EdgePlan subset(long[] ids, int loops) {
        long[] src = plan.source();
        long[] dst = plan.target();
        int kept = ids.length;
        long[] s = new long[kept + loops];
        long[] d = new long[kept + loops];
        for (int k = 0; k < kept; k++) {
            s[k] = src[(int) ids[k]];
            d[k] = dst[(int) ids[k]];
        }
        for (int i = 0; i < loops; i++) {
            s[kept + i] = i;
            d[kept + i] = i;
        }
        return plan.derive(s, d);
    }

    // ---- end of self-loop variants -----------------------------------------------------------

    /** How messages arriving at a node are combined. */
    public enum Aggregation {
        SUM,
        MEAN,
        MAX
    }
}
