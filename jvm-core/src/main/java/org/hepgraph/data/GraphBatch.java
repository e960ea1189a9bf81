package org.hepgraph.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hepgraph.HepgraphException.InvalidGraphException;

/**
 * Many graphs as one disconnected graph, as PyG's {@code Batch}.
 *
 * <ul>
 *   <li>{@code x [N, F]} float32: the node features of all graphs, stacked
 *   <li>{@code edgeIndex [2, E]} int64: edges, shifted by each graph's node offset
 *   <li>{@code edgeAttr [E, D]} float32 or {@code null}
 *   <li>{@code batch [N]} int64: the graph each node belongs to
 *   <li>{@code ptr [B + 1]} int64: node offsets; graph {@code i} owns nodes {@code [ptr[i],
 *       ptr[i+1])}
 *   <li>{@code y [B]} int64: graph labels ({@code -1} when unknown)
 * </ul>
 *
 * <p>The arrays belong to the {@link NDManager} given at construction: open the batch inside a
 * {@code manager.newSubManager()} scope and it is freed when the scope closes. The object itself is
 * immutable.
 *
 * <p>Every batch is built through one private path that plans its edges ({@link EdgePlan#build}):
 * indices and {@code ptr} are checked there, once, and node features must be finite; layers and
 * pools then read the plan (found from {@code edgeIndex} or {@code batch}) and never copy indices
 * back to the host.
 */
public final class GraphBatch {

    private final NDArray x;
    private final NDArray edgeIndex;
    private final NDArray edgeAttr;
    private final NDArray y;
    private final EdgePlan plan;

    private GraphBatch(NDArray x, NDArray edgeIndex, NDArray edgeAttr, NDArray y, EdgePlan plan) {
        this.x = x;
        this.edgeIndex = edgeIndex;
        this.edgeAttr = edgeAttr;
        this.y = y;
        this.plan = plan;
    }

    /**
     * The single construction path: plans the edges from their host copies (checking every index
     * once, here), and registers the plan under {@code edgeIndex} and the batch vector so layers
     * and pools find it without reading indices back.
     */
    private static GraphBatch assemble(
            String owner,
            NDArray x,
            NDArray edgeIndex,
            NDArray edgeAttr,
            NDArray y,
            long[] ptr,
            long[] src,
            long[] dst) {
        int numNodes = Math.toIntExact(x.getShape().get(0));
        EdgePlan plan = EdgePlan.build(src, dst, numNodes, ptr, edgeIndex.getManager(), owner);
        plan.register(edgeIndex);
        plan.batchVector();
        return new GraphBatch(x, edgeIndex, edgeAttr, y, plan);
    }

    /**
     * Stacks graphs into one batch whose arrays live in {@code manager}. All graphs must have the
     * same number of node features and edge features.
     */
    public static GraphBatch of(NDManager manager, List<Graph> graphs) {
        Objects.requireNonNull(manager, "manager");
        if (graphs == null || graphs.isEmpty()) {
            throw new InvalidGraphException(
                    "GraphBatch.of: no graphs given; a batch needs at least one graph");
        }
        Graph first = graphs.get(0);
        int f = first.numFeatures();
        int d = first.edgeDim();
        long numNodes = 0;
        long numEdges = 0;
        for (int i = 0; i < graphs.size(); i++) {
            Graph g = graphs.get(i);
            if (g.numFeatures() != f || g.edgeDim() != d) {
                throw new InvalidGraphException(
                        String.format(
                                "GraphBatch.of: graph %d has %d node features and %d edge "
                                        + "features but graph 0 has %d and %d; all graphs of a "
                                        + "batch must share their feature sizes",
                                i, g.numFeatures(), g.edgeDim(), f, d));
            }
            numNodes += g.numNodes();
            numEdges += g.numEdges();
        }
        float[] xs = new float[Math.toIntExact(numNodes * f)];
        long[] src = new long[Math.toIntExact(numEdges)];
        long[] dst = new long[src.length];
        float[] ea = new float[Math.toIntExact(numEdges * d)];
        long[] b = new long[Math.toIntExact(numNodes)];
        long[] ys = new long[graphs.size()];
        long[] ptr = new long[graphs.size() + 1];
        int nodeOffset = 0;
        int edgeOffset = 0;
        for (int i = 0; i < graphs.size(); i++) {
            Graph g = graphs.get(i);
            System.arraycopy(g.x(), 0, xs, nodeOffset * f, g.numNodes() * f);
            long[] ei = g.edgeIndex();
            int e = g.numEdges();
            for (int k = 0; k < e; k++) {
                src[edgeOffset + k] = ei[k] + nodeOffset;
                dst[edgeOffset + k] = ei[e + k] + nodeOffset;
            }
            if (d > 0) {
                System.arraycopy(g.edgeAttr(), 0, ea, edgeOffset * d, e * d);
            }
            for (int k = 0; k < g.numNodes(); k++) {
                b[nodeOffset + k] = i;
            }
            ys[i] = g.y();
            nodeOffset += g.numNodes();
            edgeOffset += e;
            ptr[i + 1] = nodeOffset;
        }
        checkFinite(xs, f, ptr);
        long[] ei = new long[2 * src.length];
        System.arraycopy(src, 0, ei, 0, src.length);
        System.arraycopy(dst, 0, ei, src.length, dst.length);
        return assemble(
                "GraphBatch.of",
                manager.create(xs, new Shape(numNodes, f)),
                manager.create(ei, new Shape(2, numEdges)),
                d > 0 ? manager.create(ea, new Shape(numEdges, d)) : null,
                manager.create(ys),
                ptr,
                src,
                dst);
    }

    /** Node features must be finite: checked once per batch, so layers need not. */
    private static void checkFinite(float[] xs, int f, long[] ptr) {
        for (int i = 0; i < xs.length; i++) {
            if (!Float.isFinite(xs[i])) {
                int node = i / f;
                int g = 0;
                while (ptr[g + 1] <= node) {
                    g++;
                }
                throw new InvalidGraphException(
                        String.format(
                                "GraphBatch.of: graph %d: x[%d, %d] is %s; node features must be "
                                        + "finite (Graph.validate() reports the first bad entry)",
                                g, node - ptr[g], i % f, xs[i]));
            }
        }
    }

    /**
     * Wraps arrays that already form a batch (e.g. the output of a batched graph builder). No copy
     * is made; the arrays keep their manager.
     *
     * @param edgeAttr may be {@code null}
     * @param y graph labels {@code [B]}, or {@code null} for unknown
     */
    public static GraphBatch fromArrays(
            NDArray x, NDArray edgeIndex, NDArray edgeAttr, long[] ptr, NDArray y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(edgeIndex, "edgeIndex");
        Objects.requireNonNull(ptr, "ptr");
        if (ptr.length < 2 || ptr[0] != 0 || ptr[ptr.length - 1] != x.getShape().get(0)) {
            throw new InvalidGraphException(
                    "GraphBatch.fromArrays: ptr must start at 0 and end at the node count "
                            + x.getShape().get(0)
                            + " with at least one graph");
        }
        int numGraphs = ptr.length - 1;
        if (x.isNaN().any().getBoolean() || x.isInfinite().any().getBoolean()) {
            throw new InvalidGraphException(
                    "GraphBatch.fromArrays: x holds NaN or infinite values; node features must "
                            + "be finite");
        }
        NDManager m = x.getManager();
        NDArray labels = y;
        if (labels == null) {
            labels = m.full(new Shape(numGraphs), -1, DataType.INT64);
        }
        NDArray ei = edgeIndex.toType(DataType.INT64, false);
        if (ei.getShape().dimension() != 2 || ei.getShape().get(0) != 2) {
            throw new InvalidGraphException(
                    "GraphBatch.fromArrays: edgeIndex has shape "
                            + ei.getShape()
                            + " but must be [2, E] (sources in row 0, targets in row 1)");
        }
        // The one host copy of the indices, read when the batch is built.
        long[] flat = ei.toLongArray();
        int e = flat.length / 2;
        return assemble(
                "GraphBatch.fromArrays",
                x,
                ei,
                edgeAttr,
                labels,
                ptr.clone(),
                java.util.Arrays.copyOfRange(flat, 0, e),
                java.util.Arrays.copyOfRange(flat, e, 2 * e));
    }

    /** Graph {@code i} of the batch, copied back into Java arrays; inverse of {@link #of}. */
    public Graph get(int i) {
        if (i < 0 || i >= numGraphs()) {
            throw new InvalidGraphException(
                    "GraphBatch.get: index " + i + " outside [0, " + numGraphs() + ")");
        }
        int f = numFeatures();
        long[] ptr = plan.ptr();
        long lo = ptr[i];
        long hi = ptr[i + 1];
        float[] xs = x.get("{}:{}", lo, hi).toFloatArray();
        long[] ei = hostEdgeIndex();
        int e = ei.length / 2;
        List<Integer> mine = new ArrayList<>();
        for (int k = 0; k < e; k++) {
            if (ei[k] >= lo && ei[k] < hi) {
                mine.add(k);
            }
        }
        long[] out = new long[2 * mine.size()];
        for (int k = 0; k < mine.size(); k++) {
            int col = mine.get(k);
            out[k] = ei[col] - lo;
            out[mine.size() + k] = ei[e + col] - lo;
        }
        Graph.Builder gb = Graph.builder((int) (hi - lo), f, xs).edges(out).y((int) y.getLong(i));
        if (edgeAttr != null) {
            int d = (int) edgeAttr.getShape().get(1);
            float[] all = edgeAttr.toFloatArray();
            float[] sel = new float[mine.size() * d];
            for (int k = 0; k < mine.size(); k++) {
                System.arraycopy(all, mine.get(k) * d, sel, k * d, d);
            }
            gb.edgeAttr(d, sel);
        }
        return gb.build();
    }

    /**
     * Every graph of the batch, in order, copied back into Java arrays: one pass over the nodes and
     * one over the edges (a counting sort of the edges by the graph of their target), so edges of
     * different graphs may be interleaved; within a graph their order is kept.
     */
    public List<Graph> toGraphs() {
        int b = numGraphs();
        int f = numFeatures();
        float[] xs = x.toFloatArray();
        long[] ei = hostEdgeIndex();
        long[] ptr = plan.ptr();
        long[] graphOf = new long[Math.toIntExact(numNodes())];
        for (int g = 0; g < b; g++) {
            java.util.Arrays.fill(graphOf, (int) ptr[g], (int) ptr[g + 1], g);
        }
        long[] ys = y.toLongArray();
        int d = edgeAttr == null ? 0 : (int) edgeAttr.getShape().get(1);
        float[] ea = edgeAttr == null ? new float[0] : edgeAttr.toFloatArray();
        int e = ei.length / 2;
        int[] start = new int[b + 1];
        for (int k = 0; k < e; k++) {
            start[(int) graphOf[(int) ei[e + k]] + 1]++;
        }
        for (int g = 0; g < b; g++) {
            start[g + 1] += start[g];
        }
        long[][] edges = new long[b][];
        float[][] attrs = new float[b][];
        for (int g = 0; g < b; g++) {
            edges[g] = new long[2 * (start[g + 1] - start[g])];
            attrs[g] = new float[(start[g + 1] - start[g]) * d];
        }
        int[] fill = new int[b];
        for (int k = 0; k < e; k++) {
            int g = (int) graphOf[(int) ei[e + k]];
            int n = edges[g].length / 2;
            System.arraycopy(ea, k * d, attrs[g], fill[g] * d, d);
            edges[g][fill[g]] = ei[k] - ptr[g];
            edges[g][n + fill[g]++] = ei[e + k] - ptr[g];
        }
        List<Graph> out = new ArrayList<>(b);
        for (int g = 0; g < b; g++) {
            int n = (int) (ptr[g + 1] - ptr[g]);
            float[] nodes = new float[n * f];
            System.arraycopy(xs, (int) ptr[g] * f, nodes, 0, nodes.length);
            Graph.Builder gb = Graph.builder(n, f, nodes).edges(edges[g]).y((int) ys[g]);
            if (d > 0) {
                gb.edgeAttr(d, attrs[g]);
            }
            out.add(gb.build());
        }
        return out;
    }

    /** {@code [sources..., targets...]} from the plan's host copies (no device read). */
    private long[] hostEdgeIndex() {
        long[] src = plan.source();
        long[] dst = plan.target();
        long[] ei = java.util.Arrays.copyOf(src, src.length * 2);
        System.arraycopy(dst, 0, ei, src.length, dst.length);
        return ei;
    }

    public NDArray x() {
        return x;
    }

    public NDArray edgeIndex() {
        return edgeIndex;
    }

    /** Edge features {@code [E, D]}, or {@code null} when the graphs have none. */
    public NDArray edgeAttr() {
        return edgeAttr;
    }

    /** The batch vector {@code [N]} int64 (from the plan). */
    public NDArray batch() {
        return plan.batchVector();
    }

    /** The batch's edge plan: index structures built once, read by every layer and pool. */
    public EdgePlan plan() {
        return plan;
    }

    public NDArray y() {
        return y;
    }

    /** Node offsets {@code [B + 1]} (a copy). */
    public long[] ptr() {
        return plan.ptr();
    }

    public int numGraphs() {
        return plan.numGraphs();
    }

    public long numNodes() {
        return plan.numNodes();
    }

    public long numEdges() {
        return edgeIndex.getShape().get(1);
    }

    public int numFeatures() {
        return (int) x.getShape().get(1);
    }

    @Override
    public String toString() {
        return String.format(
                "GraphBatch(graphs=%d, x=%s, edgeIndex=%s%s)",
                numGraphs(),
                x.getShape(),
                edgeIndex.getShape(),
                edgeAttr == null ? "" : ", edgeAttr=" + edgeAttr.getShape());
    }
}
