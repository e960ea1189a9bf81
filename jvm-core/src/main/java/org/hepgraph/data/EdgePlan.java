package org.hepgraph.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.hepgraph.HepgraphException.InvalidGraphException;

/**
 * Everything layers and pools need from a batch's indices, computed once on the host when the batch
 * is built and uploaded once: edges grouped by target (in-degrees, a padded slot table), the batch
 * vector, graph sizes and a per-graph padded layout (for pooling and a dense adjacency), plus a
 * per-plan cache for derived structures (self-loop variants, normalisations).
 *
 * <p>A plan belongs to the {@link NDManager} of its batch: it is attached to it, every array it
 * uploads lives in it, and it is closed with it. Layers find it from the {@code edgeIndex} (or
 * batch vector) array they receive ({@link #lookup}); no layer or pool copies indices back to the
 * host. Index arrays are treated as immutable once a plan exists for them.
 *
 * <p>Validation happens here, once: every index in {@code [0, numNodes)}, {@code ptr} starting at
 * 0, non-decreasing and ending at {@code numNodes}.
 */
public final class EdgePlan implements AutoCloseable {

    /** Above this many cells a per-graph dense adjacency {@code [B, P, P]} is not built. */
    private static final long DENSE_LIMIT = 1L << 22;

    /** Above this many cells a pooling matrix {@code [B, N]} is not built. */
    private static final long POOL_LIMIT = 1L << 20;

    private static final Map<String, Entry> REGISTRY = new ConcurrentHashMap<>();
    private static final AtomicLong BUILDS = new AtomicLong();

    private final String id = "EdgePlan-" + java.util.UUID.randomUUID();
    private final NDManager manager;
    private final int numNodes;
    private final long[] src;
    private final long[] dst;
    private final long[] ptr;
    private final boolean fromBatch;
    private final int[] inDegree;
    private final int maxInDegree;
    private final int uniformInDegree;
    private final boolean sortedByTarget;
    private final int maxGraphSize;
    private final boolean edgesWithinGraphs;
    private final int[] graphOf;
    private final Map<String, Object> cache = new ConcurrentHashMap<>();
    private final java.util.List<String> registeredKeys = new java.util.ArrayList<>();
    private NDArray batchVector;
    private boolean closed;

    private record Entry(WeakReference<NDArray> array, EdgePlan plan) {}

    private EdgePlan(
            long[] src,
            long[] dst,
            int numNodes,
            long[] ptr,
            NDManager manager,
            boolean fromBatch) {
        this.src = src;
        this.dst = dst;
        this.numNodes = numNodes;
        this.ptr = ptr;
        this.manager = manager;
        this.fromBatch = fromBatch;
        inDegree = new int[numNodes];
        boolean sorted = true;
        for (int e = 0; e < dst.length; e++) {
            inDegree[(int) dst[e]]++;
            sorted &= e == 0 || dst[e - 1] <= dst[e];
        }
        sortedByTarget = sorted;
        int max = 0;
        for (int d : inDegree) {
            max = Math.max(max, d);
        }
        maxInDegree = max;
        int uniform = numNodes == 0 ? -1 : inDegree[0];
        for (int i = 0; i < numNodes && uniform >= 0; i++) {
            uniform = inDegree[i] == uniform ? uniform : -1;
        }
        uniformInDegree = uniform;
        int maxSize = 0;
        for (int g = 0; g + 1 < ptr.length; g++) {
            maxSize = (int) Math.max(maxSize, ptr[g + 1] - ptr[g]);
        }
        maxGraphSize = maxSize;
        graphOf = new int[numNodes];
        for (int g = 0; g + 1 < ptr.length; g++) {
            Arrays.fill(graphOf, (int) ptr[g], (int) ptr[g + 1], g);
        }
        boolean within = true;
        for (int e = 0; e < src.length && within; e++) {
            within = graphOf[(int) src[e]] == graphOf[(int) dst[e]];
        }
        edgesWithinGraphs = within;
    }

    /**
     * Checks and plans the edges {@code src[e] → dst[e]} of a batch of {@code numNodes} nodes whose
     * graph {@code g} owns nodes {@code [ptr[g], ptr[g+1])}. The plan takes ownership of the arrays
     * (callers must not change them afterwards) and attaches itself to {@code manager}.
     *
     * @param owner the caller's name for error messages
     */
    public static EdgePlan build(
            long[] src, long[] dst, int numNodes, long[] ptr, NDManager manager, String owner) {
        return build(src, dst, numNodes, ptr, manager, owner, true);
    }

    private static EdgePlan build(
            long[] src,
            long[] dst,
            int numNodes,
            long[] ptr,
            NDManager manager,
            String owner,
            boolean fromBatch) {
        if (src.length != dst.length) {
            throw new InvalidGraphException(
                    String.format(
                            "%s: %d edge sources but %d targets; give one of each per edge",
                            owner, src.length, dst.length));
        }
        checkPtr(ptr, numNodes, owner);
        checkRange(src, 0, numNodes, owner);
        checkRange(dst, 1, numNodes, owner);
        BUILDS.incrementAndGet();
        EdgePlan plan = new EdgePlan(src, dst, numNodes, ptr.clone(), manager, fromBatch);
        manager.attachInternal(plan.id, plan);
        return plan;
    }

    /**
     * The plan for edges given only as an array (a layer called outside a batch): reads {@code
     * edgeIndex [2, E]} to the host once, checks it for a single graph of {@code numNodes} nodes,
     * and registers the plan under that array, so the next layer reuses it.
     */
    public static EdgePlan forEdgeIndex(NDArray edgeIndex, int numNodes, String owner) {
        EdgePlan known = lookup(edgeIndex);
        if (known != null && known.numNodes == numNodes) {
            return known;
        }
        long[] flat = edgeIndex.toType(DataType.INT64, false).toLongArray();
        int e = flat.length / 2;
        long[] s = Arrays.copyOfRange(flat, 0, e);
        long[] d = Arrays.copyOfRange(flat, e, 2 * e);
        EdgePlan plan =
                build(
                        s,
                        d,
                        numNodes,
                        new long[] {0, numNodes},
                        edgeIndex.getManager(),
                        owner,
                        false);
        if (known == null) {
            plan.register(edgeIndex);
        }
        return plan;
    }

    /** The plan registered for {@code array} (an edge index or a batch vector), or null. */
    public static EdgePlan lookup(NDArray array) {
        Entry entry = REGISTRY.get(array.getUid());
        if (entry == null || entry.array().get() != array || entry.plan().closed) {
            return null;
        }
        return entry.plan();
    }

    /** Makes this plan the one {@link #lookup} finds for {@code array}. */
    public void register(NDArray array) {
        String key = array.getUid();
        REGISTRY.put(key, new Entry(new WeakReference<>(array), this));
        synchronized (registeredKeys) {
            registeredKeys.add(key);
        }
    }

    /** How many plans were built in this JVM (for tests that count host work). */
    static long builds() {
        return BUILDS.get();
    }

    private static void checkPtr(long[] ptr, int numNodes, String owner) {
        boolean ok = ptr.length >= 2 && ptr[0] == 0 && ptr[ptr.length - 1] == numNodes;
        for (int g = 0; ok && g + 1 < ptr.length; g++) {
            ok = ptr[g] <= ptr[g + 1];
        }
        if (!ok) {
            throw new InvalidGraphException(
                    String.format(
                            "%s: ptr %s must start at 0, never decrease and end at the node "
                                    + "count %d, with at least one graph",
                            owner,
                            ptr.length > 8
                                    ? Arrays.toString(Arrays.copyOf(ptr, 8)) + "..."
                                    : Arrays.toString(ptr),
                            numNodes));
        }
    }

    private static void checkRange(long[] ids, int row, int numNodes, String owner) {
        for (int k = 0; k < ids.length; k++) {
            if (ids[k] < 0 || ids[k] >= numNodes) {
                throw new InvalidGraphException(
                        String.format(
                                "%s: edgeIndex[%d, %d] holds node %d but the graph has %d nodes; "
                                        + "indices must lie in [0, %d)",
                                owner, row, k, ids[k], numNodes, numNodes));
            }
        }
    }

    // ---- host facts -------------------------------------------------------------------------

    public int numNodes() {
        return numNodes;
    }

    public int numEdges() {
        return src.length;
    }

    public int numGraphs() {
        return ptr.length - 1;
    }

    /**
     * Whether the plan was built for a batch (inputs validated at construction) rather than for a
     * bare edge index handed to a layer.
     */
    public boolean fromBatch() {
        return fromBatch;
    }

    /** Source ids (a copy). */
    public long[] source() {
        return src.clone();
    }

    /** Target ids (a copy). */
    public long[] target() {
        return dst.clone();
    }

    /** Node offsets {@code [B + 1]} (a copy). */
    public long[] ptr() {
        return ptr.clone();
    }

    /** Edges arriving at each node (a copy). */
    public int[] inDegree() {
        return inDegree.clone();
    }

    public int maxInDegree() {
        return maxInDegree;
    }

    /** The in-degree shared by every node, or -1 when degrees differ (or there are no nodes). */
    public int uniformInDegree() {
        return uniformInDegree;
    }

    /** Whether edges come grouped by target ({@code dst} non-decreasing). */
    public boolean sortedByTarget() {
        return sortedByTarget;
    }

    /** The largest graph's node count {@code P}. */
    public int maxGraphSize() {
        return maxGraphSize;
    }

    /**
     * Whether a per-graph dense adjacency pays: every edge stays inside its graph, {@code B · P²}
     * is at most 4M cells and at most 8 cells per edge (or node). A batched matmul over {@code [B,
     * P, P]} then costs about as much as gathering the {@code [E, F]} messages and wins through its
     * cheaper backward (kNN jets: ~6.5 cells per edge); sparse graphs keep the gather.
     */
    public boolean denseAdjacencyFits() {
        long cells = (long) numGraphs() * maxGraphSize * maxGraphSize;
        return edgesWithinGraphs
                && numNodes > 0
                && cells <= DENSE_LIMIT
                && cells <= 8L * Math.max(src.length, numNodes);
    }

    private long[] graphOfNode() {
        long[] b = new long[numNodes];
        for (int i = 0; i < numNodes; i++) {
            b[i] = graphOf[i];
        }
        return b;
    }

    // ---- uploaded structures (built on first use, then cached for the batch) ------------------

    /** The batch vector {@code [N]} int64: the graph of every node (registered for lookup). */
    public synchronized NDArray batchVector() {
        if (batchVector == null) {
            batchVector = manager.create(graphOfNode());
            register(batchVector);
        }
        return batchVector;
    }

    /** {@code src} as an int64 array {@code [E]}. */
    public NDArray sourceIndex() {
        return cached("sourceIndex", p -> manager.create(src));
    }

    /** {@code dst} as an int64 array {@code [E]}. */
    public NDArray targetIndex() {
        return cached("targetIndex", p -> manager.create(dst));
    }

    /**
     * The incoming edges of every node as a padded table {@code [N · D]} (D = max in-degree, at
     * least 1), node-major; unused slots hold edge 0 (or 0 when there are no edges) and carry
     * weight 0 in {@link #slotWeights}.
     */
    public NDArray targetSlots() {
        return cached("targetSlots", p -> manager.create(slotTable()));
    }

    /**
     * The weight of each slot of {@link #targetSlots} as {@code [N, D, 1]}: 1 for a used slot (or
     * {@code 1 / in-degree} when {@code mean}), 0 for padding.
     */
    public NDArray slotWeights(boolean mean, DataType type) {
        return cached(
                "slotWeights" + mean + type,
                p -> {
                    int d = Math.max(1, maxInDegree);
                    Cells w = new Cells(numNodes * d, type);
                    for (int i = 0; i < numNodes; i++) {
                        for (int k = 0; k < inDegree[i]; k++) {
                            w.add(i * d + k, mean, inDegree[i]);
                        }
                    }
                    return w.toArray(manager, new Shape(numNodes, d, 1));
                });
    }

    /** {@code [N]} booleans: whether a node has at least one incoming edge. */
    public NDArray hasIncoming() {
        return cached(
                "hasIncoming",
                p -> {
                    boolean[] b = new boolean[numNodes];
                    for (int i = 0; i < numNodes; i++) {
                        b[i] = inDegree[i] > 0;
                    }
                    return manager.create(b);
                });
    }

    /** {@code [B]} booleans: whether a graph has at least one node. */
    public NDArray hasNodes() {
        return cached(
                "hasNodes",
                p -> {
                    boolean[] b = new boolean[numGraphs()];
                    for (int g = 0; g < b.length; g++) {
                        b[g] = ptr[g + 1] > ptr[g];
                    }
                    return manager.create(b);
                });
    }

    private long[] slotTable() {
        int d = Math.max(1, maxInDegree);
        long[] slots = new long[numNodes * d];
        int[] fill = new int[numNodes];
        for (int e = 0; e < dst.length; e++) {
            int t = (int) dst[e];
            slots[t * d + fill[t]++] = e;
        }
        return slots;
    }

    /**
     * Where each slot of the per-graph padded layout {@code [B, P]} takes its node: {@code [B ·
     * P]}, padding slots point at node 0 (their weight is 0 wherever it matters).
     */
    public NDArray paddedNodes() {
        return cached(
                "paddedNodes",
                p -> {
                    int b = numGraphs();
                    long[] idx = new long[b * maxGraphSize];
                    for (int g = 0; g < b; g++) {
                        for (long i = ptr[g]; i < ptr[g + 1]; i++) {
                            idx[(int) (g * maxGraphSize + i - ptr[g])] = i;
                        }
                    }
                    return manager.create(idx);
                });
    }

    /** Where each node sits in the padded layout: {@code [N]} indices into {@code [B · P]}. */
    public NDArray unpaddedNodes() {
        return cached(
                "unpaddedNodes",
                p -> {
                    long[] idx = new long[numNodes];
                    for (int g = 0; g < numGraphs(); g++) {
                        for (long i = ptr[g]; i < ptr[g + 1]; i++) {
                            idx[(int) i] = g * (long) maxGraphSize + i - ptr[g];
                        }
                    }
                    return manager.create(idx);
                });
    }

    /**
     * Weights of the padded layout as {@code [B, P, 1]}: 1 (or {@code 1 / size} when {@code mean})
     * for a real node, 0 for padding; a graph without nodes gets all zeros.
     */
    public NDArray graphWeights(boolean mean, DataType type) {
        return cached(
                "graphWeights" + mean + type,
                p -> {
                    int b = numGraphs();
                    Cells w = new Cells(b * maxGraphSize, type);
                    for (int g = 0; g < b; g++) {
                        int size = (int) (ptr[g + 1] - ptr[g]);
                        for (int k = 0; k < size; k++) {
                            w.add(g * maxGraphSize + k, mean, size);
                        }
                    }
                    return w.toArray(manager, new Shape(b, maxGraphSize, 1));
                });
    }

    /**
     * Whether a dense pooling matrix {@code [B, N]} is small enough (at most 1M cells): pooling is
     * then one matmul, several times cheaper on CPU than a gather into the padded layout.
     */
    public boolean poolingMatrixFits() {
        return (long) numGraphs() * numNodes <= POOL_LIMIT;
    }

    /**
     * Graph pooling as a matrix {@code [B, N]}: entry {@code (g, i)} is 1 (or {@code 1 / size(g)}
     * when {@code mean}) when node {@code i} belongs to graph {@code g}, else 0; {@code M · X} sums
     * (averages) node rows per graph. Only when {@link #poolingMatrixFits}.
     */
    public NDArray poolingMatrix(boolean mean, DataType type) {
        return cached(
                "poolingMatrix" + mean + type,
                p -> {
                    int b = numGraphs();
                    Cells w = new Cells(b * numNodes, type);
                    for (int g = 0; g < b; g++) {
                        long size = ptr[g + 1] - ptr[g];
                        for (long i = ptr[g]; i < ptr[g + 1]; i++) {
                            w.add((int) (g * (long) numNodes + i), mean, size);
                        }
                    }
                    return w.toArray(manager, new Shape(b, numNodes));
                });
    }

    /**
     * The adjacency of every graph as a dense {@code [B, P, P]} block: entry {@code (g, i, j)}
     * counts the edges {@code j → i} (divided by the in-degree of {@code i} when {@code mean}), so
     * that {@code A · X} aggregates sources at their targets. Only when {@link
     * #denseAdjacencyFits}.
     */
    public NDArray denseAdjacency(boolean mean, DataType type) {
        return cached(
                "denseAdjacency" + mean + type,
                p -> {
                    int b = numGraphs();
                    int pp = maxGraphSize;
                    Cells a = new Cells(b * pp * pp, type);
                    for (int e = 0; e < src.length; e++) {
                        int t = (int) dst[e];
                        long first = ptr[graphOf[t]];
                        int cell =
                                (int) ((graphOf[t] * (long) pp + t - first) * pp + src[e] - first);
                        a.add(cell, mean, inDegree[t]);
                    }
                    return a.toArray(manager, new Shape(b, pp, pp));
                });
    }

    /**
     * A host block of weights {@code 1} or {@code 1 / count} for an array of {@code type}: float64
     * arrays get the quotient computed in double (a float {@code 1f / 3} is off by 1e-8, far above
     * float64's precision), float32 arrays the float quotient as before. Written straight into a
     * direct buffer (zeroed by the JVM) that the array wraps without a copy: the dense adjacency is
     * the largest upload of a batch.
     */
    private static final class Cells {
        private final boolean dbl;
        private final DataType type;
        private final java.nio.ByteBuffer bytes;

        Cells(int count, DataType type) {
            this.type = type;
            dbl = type == DataType.FLOAT64;
            bytes =
                    java.nio.ByteBuffer.allocateDirect((dbl ? 8 : 4) * count)
                            .order(java.nio.ByteOrder.nativeOrder());
        }

        /** Adds 1 (or {@code 1 / count} when {@code mean}) to cell {@code i}. */
        void add(int i, boolean mean, long count) {
            if (dbl) {
                bytes.putDouble(8 * i, bytes.getDouble(8 * i) + (mean ? 1.0 / count : 1.0));
            } else {
                bytes.putFloat(4 * i, bytes.getFloat(4 * i) + (mean ? 1f / count : 1f));
            }
        }

        NDArray toArray(NDManager manager, Shape shape) {
            NDArray a = manager.create(bytes, shape, dbl ? DataType.FLOAT64 : DataType.FLOAT32);
            return dbl || type == DataType.FLOAT32 ? a : a.toType(type, false);
        }
    }

    /**
     * {@code index [M]} broadcast to {@code [M, width]} for a row gather along axis 0 (whose
     * backward is a scatter-add), cached per index and width.
     */
    public NDArray rowIndex(String name, NDArray index, long width) {
        return cached(
                "rowIndex:" + name + ":" + width,
                p ->
                        index.reshape(index.getShape().get(0), 1)
                                .broadcast(index.getShape().get(0), width));
    }

    /**
     * A value derived from this plan, computed at most once per plan ({@code key} names it; the
     * function runs on first use). Arrays it creates belong to {@link #manager()}.
     */
    @SuppressWarnings("unchecked")
    public <T> T cached(String key, Function<EdgePlan, T> compute) {
        Object v = cache.get(key);
        if (v == null) {
            v = compute.apply(this);
            Object raced = cache.putIfAbsent(key, v);
            if (raced != null) {
                v = raced;
            }
        }
        return (T) v;
    }

    /**
     * Another edge set over the same nodes and graphs (e.g. with self loops removed or added), from
     * host arrays that the caller derived from this plan's (so already valid: not checked again).
     * It lives in this plan's scope; callers cache it with {@link #cached}.
     */
    public EdgePlan derive(long[] src, long[] dst) {
        EdgePlan derived = new EdgePlan(src, dst, numNodes, ptr, manager, fromBatch);
        manager.attachInternal(derived.id, derived);
        return derived;
    }

    /**
     * This plan's edges plus one self loop {@code i → i} per node, appended at the end; built once
     * per plan.
     */
    public EdgePlan withSelfLoops() {
        return cached(
                "withSelfLoops",
                p -> {
                    int e = src.length;
                    long[] s = Arrays.copyOf(src, e + numNodes);
                    long[] d = Arrays.copyOf(dst, e + numNodes);
                    for (int i = 0; i < numNodes; i++) {
                        s[e + i] = i;
                        d[e + i] = i;
                    }
                    return derive(s, d);
                });
    }

    /** The manager whose scope this plan and its arrays live in. */
    public NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (registeredKeys) {
            for (String key : registeredKeys) {
                REGISTRY.computeIfPresent(key, (k, v) -> v.plan() == this ? null : v);
            }
            registeredKeys.clear();
        }
        cache.clear();
    }

    @Override
    public String toString() {
        return String.format(
                "EdgePlan(nodes=%d, edges=%d, graphs=%d, maxInDegree=%d, uniformInDegree=%d, "
                        + "sortedByTarget=%s)",
                numNodes, src.length, numGraphs(), maxInDegree, uniformInDegree(), sortedByTarget);
    }
}
