package org.hepgraph.data;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * Many graphs in columns, as PyG's {@code InMemoryDataset}: one buffer per field for all graphs,
 * and pointers that say which rows belong to which graph.
 *
 * <ul>
 *   <li>{@code x [N, F]} float32: the node features of every graph, graph after graph
 *   <li>{@code edgeIndex [2, E]} int64: all sources, then all targets; node ids are <b>local</b> to
 *       their graph (in {@code [0, n_g)}), as PyG's {@code InMemoryDataset} stores them, so a
 *       subset needs no rewrite; {@link GraphBatch} adds the node offsets
 *   <li>{@code edgeAttr [E, D]}, {@code pos [N, P]}, {@code graphAttr [B, G]} float32, optional
 *   <li>{@code y [B]} int64: graph labels, {@code -1} when unknown
 *   <li>{@code nodePtr [B + 1]}, {@code edgePtr [B + 1]} int64: graph {@code g} owns node rows
 *       {@code [nodePtr[g], nodePtr[g+1])} and edge columns {@code [edgePtr[g], edgePtr[g+1])}
 * </ul>
 *
 * <p>Every field is one contiguous little-endian direct buffer, so a file mapped by another process
 * can back a set without a copy ({@link #wrap}). The set is checked once, when it is made: shapes,
 * pointers, finite values, edges inside their own graph, no empty graph. Views and batches trust
 * that check.
 *
 * <p>Views and copies say so: {@link #get} returns a view {@link Graph}; {@link #subsetView},
 * {@link #sliceView}, {@link #subList} and {@link #relabelledView} share the buffers; {@link
 * #copyOf} allocates each field once. Made by: {@link #copyOf} (from graphs), {@link #builder}
 * (append graphs or batches, allocate once at the end), {@link #allocate} (fill buffers of a known
 * {@link GraphSetLayout}), {@link #wrap} (existing buffers). Being a {@code List<Graph>}, a set
 * goes wherever graphs go; {@link GraphBatch#of(ai.djl.ndarray.NDManager, List)} gathers from its
 * buffers directly.
 */
public final class GraphSet extends AbstractList<Graph> implements RandomAccess {

    final GraphColumns columns;
    private final int[] rows; // null: graph i is row i of columns
    private final int[] labels; // null: the labels of columns
    private final long totalNodes;
    private final long totalEdges;

    GraphSet(GraphColumns columns, int[] rows, int[] labels) {
        this.columns = columns;
        this.rows = rows;
        this.labels = labels;
        if (rows == null) {
            totalNodes = columns.layout.totalNodes();
            totalEdges = columns.layout.totalEdges();
        } else {
            long n = 0;
            long e = 0;
            for (int r : rows) {
                n += columns.numNodes(r);
                e += columns.numEdges(r);
            }
            totalNodes = n;
            totalEdges = e;
        }
    }

    /** A compact copy of {@code graphs}: each field allocated once, then filled in bulk. */
    public static GraphSet copyOf(List<? extends Graph> graphs) {
        return builder().addAll(graphs).build();
    }

    /** A compact copy of the given graphs, as {@link #copyOf}. */
    public static GraphSet of(Graph... graphs) {
        return copyOf(List.of(graphs));
    }

    /** An appender: add graphs or batches, then {@link GraphSetBuilder#build()} allocates once. */
    public static GraphSetBuilder builder() {
        return new GraphSetBuilder();
    }

    /** Zeroed buffers of exactly {@code layout}'s sizes, to fill and then finish into a set. */
    public static GraphSetWriter allocate(GraphSetLayout layout) {
        return new GraphSetWriter(layout);
    }

    /**
     * A set over the given buffers, without a copy: each must be direct, little-endian, and hold
     * exactly its field's bytes from position to limit (its shape is in {@link GraphSetLayout}).
     * The set sees later writes to the buffers; the deep check runs once, here.
     *
     * @param edgeAttr {@code null} when {@code layout.edgeDim() == 0}; likewise {@code pos} and
     *     {@code graphAttr}
     */
    public static GraphSet wrap(
            GraphSetLayout layout,
            ByteBuffer nodePtr,
            ByteBuffer edgePtr,
            ByteBuffer x,
            ByteBuffer edgeIndex,
            ByteBuffer edgeAttr,
            ByteBuffer pos,
            ByteBuffer y,
            ByteBuffer graphAttr) {
        Objects.requireNonNull(layout, "layout");
        GraphColumns c =
                new GraphColumns(
                        "GraphSet.wrap",
                        layout,
                        nodePtr,
                        edgePtr,
                        x,
                        edgeIndex,
                        edgeAttr,
                        pos,
                        y,
                        graphAttr);
        return new GraphSet(c, null, null);
    }

    /** Graph {@code i}, as a view of this set's buffers (no copy). */
    @Override
    public Graph get(int i) {
        return columns.graph(row(i), label(i));
    }

    @Override
    public int size() {
        return rows == null ? columns.numGraphs() : rows.length;
    }

    public int numGraphs() {
        return size();
    }

    public int numNodes(int i) {
        return columns.numNodes(row(i));
    }

    public int numEdges(int i) {
        return columns.numEdges(row(i));
    }

    /** Nodes of all graphs of this set. */
    public long totalNodes() {
        return totalNodes;
    }

    /** Edges of all graphs of this set. */
    public long totalEdges() {
        return totalEdges;
    }

    public int numFeatures() {
        return columns.layout.numFeatures();
    }

    public int edgeDim() {
        return columns.layout.edgeDim();
    }

    public int posDim() {
        return columns.layout.posDim();
    }

    public int graphAttrDim() {
        return columns.layout.graphAttrDim();
    }

    /** Label of graph {@code i}, or {@code -1} when unknown. */
    public int label(int i) {
        return labels != null ? labels[checkIndex(i)] : (int) columns.y.get(row(i));
    }

    /** The labels {@code [B]} (a copy). */
    public int[] labels() {
        int[] out = new int[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = label(i);
        }
        return out;
    }

    /** The graphs {@code indices} of this set, in that order, as a view (repeats allowed). */
    public GraphSet subsetView(int[] indices) {
        Objects.requireNonNull(indices, "indices");
        int[] r = new int[indices.length];
        int[] l = labels == null ? null : new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            r[k] = row(indices[k]);
            if (l != null) {
                l[k] = labels[indices[k]];
            }
        }
        return new GraphSet(columns, r, l);
    }

    /** Graphs {@code [from, to)} of this set, as a view. */
    public GraphSet sliceView(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new InvalidArgumentException(
                    String.format(
                            "GraphSet.sliceView: [%d, %d) is not a range of the %d graphs; need"
                                    + " 0 <= from <= to <= %d",
                            from, to, size(), size()));
        }
        int[] idx = new int[to - from];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = from + k;
        }
        return subsetView(idx);
    }

    /** As {@link #sliceView}: a view, never a copy. */
    @Override
    public GraphSet subList(int from, int to) {
        return sliceView(from, to);
    }

    /** The same graphs with other labels, as a view: only the {@code B} labels are new. */
    public GraphSet relabelledView(int[] newLabels) {
        if (newLabels.length != size()) {
            throw new InvalidArgumentException(
                    String.format(
                            "GraphSet.relabelledView: %d labels for %d graphs; pass one label per"
                                    + " graph",
                            newLabels.length, size()));
        }
        for (int i = 0; i < newLabels.length; i++) {
            if (newLabels[i] < -1) {
                throw new InvalidArgumentException(
                        String.format(
                                "GraphSet.relabelledView: label %d of graph %d; labels are class"
                                        + " indices >= 0, or -1 when unknown",
                                newLabels[i], i));
            }
        }
        int[] r = rows == null ? null : rows.clone();
        if (r == null) {
            r = new int[size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = i;
            }
        }
        return new GraphSet(columns, r, newLabels.clone());
    }

    /**
     * Whether this set covers its buffers exactly: graph {@code i} is row {@code i} and the labels
     * are the buffer's, so the field views below describe this set and nothing else.
     */
    public boolean isCompact() {
        return rows == null && labels == null;
    }

    /** The layout of the backing buffers (for a subset view: of the whole backing set). */
    public GraphSetLayout backingLayout() {
        return columns.layout;
    }

    /** The backing {@code x [N, F]}: a read-only view (see {@link #isCompact()}). */
    public FloatBuffer xView() {
        return columns.x.duplicate();
    }

    /** The backing {@code edgeIndex [2, E]} (local ids): a read-only view. */
    public LongBuffer edgeIndexView() {
        return columns.edgeIndex.duplicate();
    }

    /** The backing {@code edgeAttr [E, D]}: a read-only view, empty when absent. */
    public FloatBuffer edgeAttrView() {
        return columns.edgeAttr.duplicate();
    }

    /** The backing {@code pos [N, P]}: a read-only view, empty when absent. */
    public FloatBuffer posView() {
        return columns.pos.duplicate();
    }

    /** The backing {@code graphAttr [B, G]}: a read-only view, empty when absent. */
    public FloatBuffer graphAttrView() {
        return columns.graphAttr.duplicate();
    }

    /** The backing {@code y [B]}: a read-only view (a relabelled view's labels are not in it). */
    public LongBuffer yView() {
        return columns.y.duplicate();
    }

    /** The backing {@code nodePtr [B + 1]}: a read-only view. */
    public LongBuffer nodePtrView() {
        return columns.nodePtr.duplicate();
    }

    /** The backing {@code edgePtr [B + 1]}: a read-only view. */
    public LongBuffer edgePtrView() {
        return columns.edgePtr.duplicate();
    }

    /** The row of the backing buffers that holds graph {@code i}. */
    int row(int i) {
        checkIndex(i);
        return rows == null ? i : rows[i];
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= size()) {
            throw new InvalidArgumentException(
                    "GraphSet: index " + i + " outside [0, " + size() + ")");
        }
        return i;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("GraphSet(graphs=").append(size());
        sb.append(", x=[").append(totalNodes).append(", ").append(numFeatures()).append(']');
        sb.append(", edgeIndex=[2, ").append(totalEdges).append(']');
        if (edgeDim() > 0) {
            sb.append(", edgeAttr=[").append(totalEdges).append(", ").append(edgeDim()).append(']');
        }
        if (posDim() > 0) {
            sb.append(", pos=[").append(totalNodes).append(", ").append(posDim()).append(']');
        }
        if (graphAttrDim() > 0) {
            sb.append(", graphAttr=[").append(size()).append(", ");
            sb.append(graphAttrDim()).append(']');
        }
        return sb.append(isCompact() ? "" : ", view").append(')').toString();
    }
}
