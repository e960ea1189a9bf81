package org.hepgraph.data;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Objects;
import org.hepgraph.HepgraphException.InvalidGraphException;

/**
 * One graph: node features, edges and optional labels; immutable through its API.
 *
 * <p>Mirrors PyG's {@code Data}. A graph is either standalone (made by {@link #builder}, owning
 * copies of the arrays it was given) or a <em>view</em> of one graph of a {@link GraphSet}, reading
 * the set's buffers without a copy ({@link #isView()}). The array accessors ({@link #x()}, {@link
 * #edgeIndex()}, ...) return fresh copies; the {@code ...View()} accessors return read-only buffers
 * over the data itself (for a view: a window on the set's buffer, which sees any write made to the
 * buffer behind the set). Messages flow from {@code edgeIndex[0]} (source) to {@code edgeIndex[1]}
 * (target), as in PyG.
 *
 * <ul>
 *   <li>{@code x [N, F]} node features, float32
 *   <li>{@code edgeIndex [2, E]} int64, sources then targets, node ids local to the graph
 *   <li>{@code edgeAttr [E, D]} optional edge features ({@code D = 0} when absent)
 *   <li>{@code y} graph label (an int; {@code -1} when unknown)
 *   <li>{@code pos [N, P]} optional node positions, e.g. (η, φ) ({@code P = 0} when absent)
 *   <li>{@code graphAttr [G]} optional graph-level features ({@code G = 0} when absent)
 * </ul>
 */
public final class Graph {

    private static final FloatBuffer NO_FLOATS = FloatBuffer.allocate(0).asReadOnlyBuffer();

    private final int numNodes;
    private final int numFeatures;
    private final int numEdges;
    private final int edgeDim;
    private final int posDim;
    private final int graphAttrDim;
    private final int y;
    // Read-only, position 0, exact length: read with absolute gets only.
    final FloatBuffer x;
    final LongBuffer sources;
    final LongBuffer targets;
    final FloatBuffer edgeAttr;
    final FloatBuffer pos;
    final FloatBuffer graphAttr;

    /** The storage this graph views, or null for a standalone graph. */
    final GraphColumns columns;

    /** The graph's row in {@link #columns}. */
    final int row;

    private Graph(Builder b) {
        this.numNodes = b.numNodes;
        this.numFeatures = b.numFeatures;
        this.numEdges = b.edgeIndex.length / 2;
        this.edgeDim = b.edgeDim;
        this.posDim = b.posDim;
        this.graphAttrDim = b.graphAttr.length;
        this.y = b.y;
        this.x = FloatBuffer.wrap(b.x.clone()).asReadOnlyBuffer();
        long[] ei = b.edgeIndex.clone();
        this.sources = LongBuffer.wrap(ei, 0, numEdges).slice().asReadOnlyBuffer();
        this.targets = LongBuffer.wrap(ei, numEdges, numEdges).slice().asReadOnlyBuffer();
        this.edgeAttr = FloatBuffer.wrap(b.edgeAttr.clone()).asReadOnlyBuffer();
        this.pos = FloatBuffer.wrap(b.pos.clone()).asReadOnlyBuffer();
        this.graphAttr = FloatBuffer.wrap(b.graphAttr.clone()).asReadOnlyBuffer();
        this.columns = null;
        this.row = -1;
    }

    private Graph(Graph g, int label) {
        this.numNodes = g.numNodes;
        this.numFeatures = g.numFeatures;
        this.numEdges = g.numEdges;
        this.edgeDim = g.edgeDim;
        this.posDim = g.posDim;
        this.graphAttrDim = g.graphAttrDim;
        this.y = label;
        this.x = g.x;
        this.sources = g.sources;
        this.targets = g.targets;
        this.edgeAttr = g.edgeAttr;
        this.pos = g.pos;
        this.graphAttr = g.graphAttr;
        this.columns = g.columns;
        this.row = g.row;
    }

    private Graph(GraphColumns c, int row, int label) {
        GraphSetLayout l = c.layout;
        int n0 = (int) c.nodeStart(row);
        int e0 = (int) c.edgeStart(row);
        this.numNodes = c.numNodes(row);
        this.numFeatures = l.numFeatures();
        this.numEdges = c.numEdges(row);
        this.edgeDim = l.edgeDim();
        this.posDim = l.posDim();
        this.graphAttrDim = l.graphAttrDim();
        this.y = label;
        this.x = c.x.slice(n0 * numFeatures, numNodes * numFeatures);
        this.sources = c.edgeIndex.slice(e0, numEdges);
        this.targets = c.edgeIndex.slice((int) (l.totalEdges() + e0), numEdges);
        this.edgeAttr =
                edgeDim == 0 ? NO_FLOATS : c.edgeAttr.slice(e0 * edgeDim, numEdges * edgeDim);
        this.pos = posDim == 0 ? NO_FLOATS : c.pos.slice(n0 * posDim, numNodes * posDim);
        this.graphAttr =
                graphAttrDim == 0 ? NO_FLOATS : c.graphAttr.slice(row * graphAttrDim, graphAttrDim);
        this.columns = c;
        this.row = row;
    }

    /** A view of graph {@code row} of {@code c}; its buffers are windows on c's. */
    static Graph view(GraphColumns c, int row, int label) {
        return new Graph(c, row, label);
    }

    /** Starts a graph with {@code numNodes} nodes of {@code numFeatures} features each. */
    public static Builder builder(int numNodes, int numFeatures, float[] x) {
        return new Builder(numNodes, numFeatures, x);
    }

    /** Whether this graph is a view of a {@link GraphSet}'s buffers (validated with the set). */
    public boolean isView() {
        return columns != null;
    }

    public int numNodes() {
        return numNodes;
    }

    public int numFeatures() {
        return numFeatures;
    }

    public int numEdges() {
        return numEdges;
    }

    /** Node features {@code [N, F]}, row-major (a copy). */
    public float[] x() {
        return copy(x);
    }

    /** Node features {@code [N, F]}, row-major: a read-only view, no copy. */
    public FloatBuffer xView() {
        return x.duplicate();
    }

    /** Edge index {@code [2, E]}, row-major: sources then targets (a copy). */
    public long[] edgeIndex() {
        long[] out = new long[2 * numEdges];
        sources.get(0, out, 0, numEdges);
        targets.get(0, out, numEdges, numEdges);
        return out;
    }

    /** Sources {@code edgeIndex[0]}, {@code [E]}: a read-only view, no copy. */
    public LongBuffer sourcesView() {
        return sources.duplicate();
    }

    /** Targets {@code edgeIndex[1]}, {@code [E]}: a read-only view, no copy. */
    public LongBuffer targetsView() {
        return targets.duplicate();
    }

    public int edgeDim() {
        return edgeDim;
    }

    /** Edge features {@code [E, D]}, row-major (a copy); empty when {@code edgeDim() == 0}. */
    public float[] edgeAttr() {
        return copy(edgeAttr);
    }

    /** Edge features {@code [E, D]}: a read-only view, no copy. */
    public FloatBuffer edgeAttrView() {
        return edgeAttr.duplicate();
    }

    /** The graph label, or {@code -1} when unknown. */
    public int y() {
        return y;
    }

    public int posDim() {
        return posDim;
    }

    /** Node positions {@code [N, P]}, row-major (a copy); empty when {@code posDim() == 0}. */
    public float[] pos() {
        return copy(pos);
    }

    /** Node positions {@code [N, P]}: a read-only view, no copy. */
    public FloatBuffer posView() {
        return pos.duplicate();
    }

    public int graphAttrDim() {
        return graphAttrDim;
    }

    /** Graph-level features {@code [G]} (a copy); empty when {@code graphAttrDim() == 0}. */
    public float[] graphAttr() {
        return copy(graphAttr);
    }

    /**
     * This graph with another label. The arrays are shared, not copied (a view stays a view of the
     * same set).
     */
    public Graph withLabel(int label) {
        return new Graph(this, label);
    }

    /** A builder that starts from a copy of this graph's contents. */
    public Builder toBuilder() {
        Builder b = new Builder(numNodes, numFeatures, x()).edges(edgeIndex()).y(y);
        if (edgeDim > 0) {
            b.edgeAttr(edgeDim, edgeAttr());
        }
        if (posDim > 0) {
            b.pos(posDim, pos());
        }
        if (graphAttrDim > 0) {
            b.graphAttr(graphAttr());
        }
        return b;
    }

    /**
     * Checks the graph and throws an {@link InvalidGraphException} that names exactly what is
     * wrong: an empty graph, non-finite features, or edge indices outside {@code [0, N)}. A view
     * returns at once: its set was checked, once, when it was built.
     *
     * @return this graph, so that calls can be chained
     */
    public Graph validate() {
        return validate("Graph");
    }

    /** As {@link #validate()}, with {@code where} (e.g. "graph 17 of AIDS") in every message. */
    public Graph validate(String where) {
        if (columns != null) {
            return this;
        }
        if (numNodes == 0) {
            throw new InvalidGraphException(
                    where
                            + ": the graph is empty (0 nodes); drop empty graphs before batching, "
                            + "e.g. events with no particles passing the selection");
        }
        checkFinite(where, "x", x, numFeatures);
        checkFinite(where, "edgeAttr", edgeAttr, edgeDim);
        checkFinite(where, "pos", pos, posDim);
        checkFinite(where, "graphAttr", graphAttr, graphAttrDim);
        for (int i = 0; i < 2 * numEdges; i++) {
            long v = i < numEdges ? sources.get(i) : targets.get(i - numEdges);
            if (v < 0 || v >= numNodes) {
                throw new InvalidGraphException(
                        String.format(
                                "%s: edgeIndex[%d, %d] holds node %d but the graph has %d nodes; "
                                        + "indices must lie in [0, %d)",
                                where, i / numEdges, i % numEdges, v, numNodes, numNodes));
            }
        }
        return this;
    }

    private static void checkFinite(String where, String name, FloatBuffer values, int cols) {
        for (int i = 0; i < values.limit(); i++) {
            if (!Float.isFinite(values.get(i))) {
                throw new InvalidGraphException(
                        String.format(
                                "%s: %s[%d, %d] is %s; replace or drop non-finite values before "
                                        + "building graphs (e.g. fill missing features with 0)",
                                where, name, i / cols, i % cols, values.get(i)));
            }
        }
    }

    private static float[] copy(FloatBuffer b) {
        float[] out = new float[b.limit()];
        b.get(0, out);
        return out;
    }

    /** Bitwise float equality, as {@link java.util.Arrays#equals(float[], float[])}. */
    private static boolean sameFloats(FloatBuffer a, FloatBuffer b) {
        if (a.limit() != b.limit()) {
            return false;
        }
        for (int i = 0; i < a.limit(); i++) {
            if (Float.floatToIntBits(a.get(i)) != Float.floatToIntBits(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static int floatsHash(FloatBuffer b) {
        int h = 1;
        for (int i = 0; i < b.limit(); i++) {
            h = 31 * h + Float.floatToIntBits(b.get(i));
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Graph g)) {
            return false;
        }
        return numNodes == g.numNodes
                && numFeatures == g.numFeatures
                && edgeDim == g.edgeDim
                && posDim == g.posDim
                && graphAttrDim == g.graphAttrDim
                && y == g.y
                && sources.equals(g.sources)
                && targets.equals(g.targets)
                && sameFloats(x, g.x)
                && sameFloats(edgeAttr, g.edgeAttr)
                && sameFloats(pos, g.pos)
                && sameFloats(graphAttr, g.graphAttr);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                numNodes,
                numFeatures,
                y,
                floatsHash(x),
                sources.hashCode(),
                targets.hashCode(),
                floatsHash(edgeAttr));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Graph(x=[").append(numNodes).append(", ");
        sb.append(numFeatures).append("], edgeIndex=[2, ").append(numEdges()).append(']');
        if (edgeDim > 0) {
            sb.append(", edgeAttr=[").append(numEdges()).append(", ").append(edgeDim).append(']');
        }
        if (posDim > 0) {
            sb.append(", pos=[").append(numNodes).append(", ").append(posDim).append(']');
        }
        if (graphAttrDim > 0) {
            sb.append(", graphAttr=[").append(graphAttrDim).append(']');
        }
        if (y >= 0) {
            sb.append(", y=").append(y);
        }
        return sb.append(')').toString();
    }

    /** Builds a {@link Graph}; {@link #build()} checks that array lengths match the shapes. */
    public static final class Builder {
        private final int numNodes;
        private final int numFeatures;
        private final float[] x;
        private long[] edgeIndex = new long[0];
        private int edgeDim;
        private float[] edgeAttr = new float[0];
        private int y = -1;
        private int posDim;
        private float[] pos = new float[0];
        private float[] graphAttr = new float[0];

        private Builder(int numNodes, int numFeatures, float[] x) {
            if (numNodes < 0 || numFeatures < 0) {
                throw new InvalidGraphException(
                        "Graph: numNodes and numFeatures must be >= 0, got "
                                + numNodes
                                + " and "
                                + numFeatures);
            }
            this.numNodes = numNodes;
            this.numFeatures = numFeatures;
            this.x = Objects.requireNonNull(x, "x");
        }

        /** Edge index {@code [2, E]}, row-major: the E sources, then the E targets. */
        public Builder edges(long[] edgeIndex) {
            this.edgeIndex = Objects.requireNonNull(edgeIndex, "edgeIndex");
            this.edgeDim = 0;
            this.edgeAttr = new float[0];
            return this;
        }

        /** Edge features {@code [E, D]}, row-major, one row per column of the edge index. */
        public Builder edgeAttr(int dim, float[] values) {
            this.edgeDim = dim;
            this.edgeAttr = Objects.requireNonNull(values, "edgeAttr");
            return this;
        }

        public Builder y(int label) {
            this.y = label;
            return this;
        }

        /** Node positions {@code [N, P]}, row-major. */
        public Builder pos(int dim, float[] values) {
            this.posDim = dim;
            this.pos = Objects.requireNonNull(values, "pos");
            return this;
        }

        /** Graph-level features {@code [G]}. */
        public Builder graphAttr(float[] values) {
            this.graphAttr = Objects.requireNonNull(values, "graphAttr");
            return this;
        }

        public Graph build() {
            if (x.length != (long) numNodes * numFeatures) {
                throw new InvalidGraphException(
                        String.format(
                                "Graph: x has %d values but [N, F] = [%d, %d] needs %d; pass x "
                                        + "row-major, one row of F features per node",
                                x.length, numNodes, numFeatures, (long) numNodes * numFeatures));
            }
            if (edgeIndex.length % 2 != 0) {
                throw new InvalidGraphException(
                        "Graph: edgeIndex has an odd length ("
                                + edgeIndex.length
                                + "); it must hold [2, E] values: E sources then E targets");
            }
            int e = edgeIndex.length / 2;
            if (edgeAttr.length != (long) e * edgeDim) {
                throw new InvalidGraphException(
                        String.format(
                                "Graph: edgeAttr has %d values but [E, D] = [%d, %d] needs %d",
                                edgeAttr.length, e, edgeDim, (long) e * edgeDim));
            }
            if (pos.length != (long) numNodes * posDim) {
                throw new InvalidGraphException(
                        String.format(
                                "Graph: pos has %d values but [N, P] = [%d, %d] needs %d",
                                pos.length, numNodes, posDim, (long) numNodes * posDim));
            }
            return new Graph(this);
        }
    }
}
