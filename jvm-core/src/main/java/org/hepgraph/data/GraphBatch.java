package org.hepgraph.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
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
     * same number of node features and edge features. When {@code graphs} is a {@link GraphSet}, or
     * every graph is a view of the same set, this gathers from the set's buffers as {@link
     * #of(NDManager, GraphSet, int[])} does; other graphs are copied from their buffers, one bulk
     * copy per graph and field. Graphs are not validated here: a set was checked when it was built,
     * a standalone graph by {@link Graph#validate()}.
     */
    public static GraphBatch of(NDManager manager, List<Graph> graphs) {
        Objects.requireNonNull(manager, "manager");
        if (graphs == null || graphs.isEmpty()) {
            throw new InvalidGraphException(
                    "GraphBatch.of: no graphs given; a batch needs at least one graph");
        }
        GraphColumns shared = graphs.get(0).columns;
        int[] rows = new int[graphs.size()];
        long[] labels = new long[graphs.size()];
        for (int i = 0; i < rows.length && shared != null; i++) {
            Graph g = graphs.get(i);
            if (g.columns != shared) {
                shared = null;
            } else {
                rows[i] = g.row;
                labels[i] = g.y();
            }
        }
        if (shared != null) {
            return gather(manager, shared, rows, labels);
        }
        return copyGraphs(manager, graphs);
    }

    /**
     * The graphs {@code graphIndices} of {@code set}, in that order, as one batch in {@code
     * manager}: each run of consecutive graphs is one bulk copy per field (a slice of the set, one
     * copy per field for the whole batch).
     */
    public static GraphBatch of(NDManager manager, GraphSet set, int[] graphIndices) {
        Objects.requireNonNull(manager, "manager");
        if (graphIndices == null || graphIndices.length == 0) {
            throw new InvalidGraphException(
                    "GraphBatch.of: no graph indices given; a batch needs at least one graph");
        }
        int[] rows = new int[graphIndices.length];
        long[] labels = new long[graphIndices.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = set.row(graphIndices[i]);
            labels[i] = set.label(graphIndices[i]);
        }
        return gather(manager, set.columns, rows, labels);
    }

    /**
     * Gathers rows of one set's buffers, a bulk copy per field for each run of consecutive rows.
     */
    private static GraphBatch gather(NDManager manager, GraphColumns c, int[] rows, long[] labels) {
        int f = c.layout.numFeatures();
        int d = c.layout.edgeDim();
        long[] ptr = new long[rows.length + 1];
        long numEdges = 0;
        for (int i = 0; i < rows.length; i++) {
            ptr[i + 1] = ptr[i] + c.numNodes(rows[i]);
            numEdges += c.numEdges(rows[i]);
        }
        int n = Math.toIntExact(ptr[rows.length]);
        int e = Math.toIntExact(numEdges);
        // Features go straight into the engine's direct buffers: set to tensor, one copy.
        ByteBuffer xb = bytes(manager, (long) n * f * 4);
        ByteBuffer eb = bytes(manager, (long) e * d * 4);
        FloatBuffer xs = xb.asFloatBuffer();
        FloatBuffer ea = eb.asFloatBuffer();
        long[] src = new long[e];
        long[] dst = new long[e];
        int totalEdges = (int) c.layout.totalEdges();
        int edge = 0;
        for (int i = 0; i < rows.length; ) {
            int j = i + 1;
            while (j < rows.length && rows[j] == rows[j - 1] + 1) {
                j++;
            }
            // rows[i..j) are consecutive: their nodes and edges are contiguous in the set.
            int n0 = (int) c.nodeStart(rows[i]);
            int e0 = (int) c.edgeStart(rows[i]);
            int runNodes = (int) (ptr[j] - ptr[i]);
            int runEdges = (int) (c.edgeStart(rows[j - 1]) + c.numEdges(rows[j - 1]) - e0);
            xs.put((int) ptr[i] * f, c.x, n0 * f, runNodes * f);
            c.edgeIndex.get(e0, src, edge, runEdges);
            c.edgeIndex.get(totalEdges + e0, dst, edge, runEdges);
            if (d > 0) {
                ea.put(edge * d, c.edgeAttr, e0 * d, runEdges * d);
            }
            for (int g = i; g < j; g++) { // local ids to batch ids
                int end = edge + c.numEdges(rows[g]);
                for (int k = edge; k < end; k++) {
                    src[k] += ptr[g];
                    dst[k] += ptr[g];
                }
                edge = end;
            }
            i = j;
        }
        return fromHost(manager, xb, f, src, dst, eb, d, ptr, labels);
    }

    /** Copies standalone (or mixed) graphs, one bulk copy per graph and field. */
    private static GraphBatch copyGraphs(NDManager manager, List<Graph> graphs) {
        Graph first = graphs.get(0);
        int f = first.numFeatures();
        int d = first.edgeDim();
        long[] ptr = new long[graphs.size() + 1];
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
            ptr[i + 1] = ptr[i] + g.numNodes();
            numEdges += g.numEdges();
        }
        int e = Math.toIntExact(numEdges);
        ByteBuffer xb = bytes(manager, ptr[graphs.size()] * f * 4);
        ByteBuffer eb = bytes(manager, numEdges * d * 4);
        FloatBuffer xs = xb.asFloatBuffer();
        FloatBuffer ea = eb.asFloatBuffer();
        long[] src = new long[e];
        long[] dst = new long[e];
        long[] labels = new long[graphs.size()];
        int edge = 0;
        for (int i = 0; i < graphs.size(); i++) {
            Graph g = graphs.get(i);
            int ge = g.numEdges();
            xs.put((int) ptr[i] * f, g.x, 0, g.numNodes() * f);
            g.sources.get(0, src, edge, ge);
            g.targets.get(0, dst, edge, ge);
            if (d > 0) {
                ea.put(edge * d, g.edgeAttr, 0, ge * d);
            }
            for (int k = edge; k < edge + ge; k++) {
                src[k] += ptr[i];
                dst[k] += ptr[i];
            }
            labels[i] = g.y();
            edge += ge;
        }
        checkFinite(xs, f, ptr);
        return fromHost(manager, xb, f, src, dst, eb, d, ptr, labels);
    }

    /**
     * Node features of graphs that no GraphSet checked must be finite: checked once per batch, so
     * layers need not.
     */
    private static void checkFinite(FloatBuffer xs, int f, long[] ptr) {
        for (int i = 0; i < xs.limit(); i++) {
            if (!Float.isFinite(xs.get(i))) {
                int node = i / f;
                int g = 0;
                while (ptr[g + 1] <= node) {
                    g++;
                }
                throw new InvalidGraphException(
                        String.format(
                                "GraphBatch.of: graph %d: x[%d, %d] is %s; node features must be "
                                        + "finite (Graph.validate() reports the first bad entry)",
                                g, node - ptr[g], i % f, xs.get(i)));
            }
        }
    }

    /**
     * A direct buffer in the engine's byte order: the engine makes a CPU tensor over it as it is
     * (it copies any other buffer first).
     */
    private static ByteBuffer bytes(NDManager manager, long count) {
        return manager.allocateDirect(Math.toIntExact(count));
    }

    private static GraphBatch fromHost(
            NDManager manager,
            ByteBuffer xs,
            int f,
            long[] src,
            long[] dst,
            ByteBuffer ea,
            int d,
            long[] ptr,
            long[] labels) {
        long n = ptr[ptr.length - 1];
        int e = src.length;
        ByteBuffer flat = bytes(manager, 16L * e);
        flat.asLongBuffer().put(0, src).put(e, dst);
        return assemble(
                "GraphBatch.of",
                manager.create(xs, new Shape(n, f), DataType.FLOAT32),
                manager.create(flat, new Shape(2, e), DataType.INT64),
                d > 0 ? manager.create(ea, new Shape(e, d), DataType.FLOAT32) : null,
                manager.create(labels),
                ptr,
                src,
                dst);
    }

    /**
     * The batch a graph model receives as a DJL block: {@code NDList(x [N, F], edgeIndex [2, E],
     * batch [N], ptr [B+1])} (no edge attributes, no labels; {@code ptr} is read to the host).
     */
    public static GraphBatch fromBlockInputs(NDList inputs) {
        long[] ptr = inputs.get(3).toLongArray();
        return fromArrays(inputs.get(0), inputs.get(1), null, ptr, null);
    }

    /**
     * Wraps arrays that already form a batch (e.g. the output of a batched graph builder). No copy
     * of {@code x}, {@code edgeIndex} or {@code edgeAttr} is made; the arrays keep their manager.
     * The edge index is read to the host once, for what the batch derives from it.
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
                Arrays.copyOfRange(flat, 0, e),
                Arrays.copyOfRange(flat, e, 2 * e));
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
     * Every graph of the batch, in order, copied back to the host into one compact {@link
     * GraphSet}: edges are regrouped by the graph of their target (a stable counting sort, so edges
     * of different graphs may be interleaved; within a graph their order is kept).
     */
    public GraphSet toGraphs() {
        return GraphSet.builder().addBatch(this).build();
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
