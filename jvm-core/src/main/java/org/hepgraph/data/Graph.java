package org.hepgraph.data;

import java.util.Arrays;
import java.util.Objects;
import org.hepgraph.HepgraphException.InvalidGraphException;

/**
 * One graph: node features, edges and optional labels, as immutable Java arrays.
 *
 * <p>Mirrors PyG's {@code Data}. Arrays are row-major and never shared with the caller: the
 * constructor and every accessor copy, so a {@code Graph} cannot change after it is built. Messages
 * flow from {@code edgeIndex[0]} (source) to {@code edgeIndex[1]} (target), as in PyG.
 *
 * <ul>
 *   <li>{@code x [N, F]} node features, float32
 *   <li>{@code edgeIndex [2, E]} int64, stored as {@code src[E]} then {@code dst[E]}
 *   <li>{@code edgeAttr [E, D]} optional edge features ({@code D = 0} when absent)
 *   <li>{@code y} graph label (an int; {@code -1} when unknown)
 *   <li>{@code pos [N, P]} optional node positions, e.g. (η, φ) ({@code P = 0} when absent)
 * </ul>
 */
public final class Graph {

    private final int numNodes;
    private final int numFeatures;
    private final float[] x;
    private final long[] edgeIndex;
    private final int edgeDim;
    private final float[] edgeAttr;
    private final int y;
    private final int posDim;
    private final float[] pos;

    private Graph(Builder b) {
        this.numNodes = b.numNodes;
        this.numFeatures = b.numFeatures;
        this.x = b.x.clone();
        this.edgeIndex = b.edgeIndex.clone();
        this.edgeDim = b.edgeDim;
        this.edgeAttr = b.edgeAttr.clone();
        this.y = b.y;
        this.posDim = b.posDim;
        this.pos = b.pos.clone();
    }

    /** Starts a graph with {@code numNodes} nodes of {@code numFeatures} features each. */
    public static Builder builder(int numNodes, int numFeatures, float[] x) {
        return new Builder(numNodes, numFeatures, x);
    }

    public int numNodes() {
        return numNodes;
    }

    public int numFeatures() {
        return numFeatures;
    }

    public int numEdges() {
        return edgeIndex.length / 2;
    }

    /** Node features {@code [N, F]}, row-major (a copy). */
    public float[] x() {
        return x.clone();
    }

    /** Edge index {@code [2, E]}, row-major: sources then targets (a copy). */
    public long[] edgeIndex() {
        return edgeIndex.clone();
    }

    public int edgeDim() {
        return edgeDim;
    }

    /** Edge features {@code [E, D]}, row-major (a copy); empty when {@code edgeDim() == 0}. */
    public float[] edgeAttr() {
        return edgeAttr.clone();
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
        return pos.clone();
    }

    /** A copy of this graph with another label. */
    public Graph withLabel(int label) {
        return toBuilder().y(label).build();
    }

    /** A builder that starts from this graph's contents. */
    public Builder toBuilder() {
        Builder b = new Builder(numNodes, numFeatures, x).edges(edgeIndex).y(y);
        if (edgeDim > 0) {
            b.edgeAttr(edgeDim, edgeAttr);
        }
        if (posDim > 0) {
            b.pos(posDim, pos);
        }
        return b;
    }

    /**
     * Checks the graph and throws an {@link InvalidGraphException} that names exactly what is
     * wrong: an empty graph, array lengths that disagree with the shapes, non-finite features, or
     * edge indices outside {@code [0, N)}.
     *
     * @return this graph, so that calls can be chained
     */
    public Graph validate() {
        return validate("Graph");
    }

    /** As {@link #validate()}, with {@code where} (e.g. "graph 17 of AIDS") in every message. */
    public Graph validate(String where) {
        if (numNodes == 0) {
            throw new InvalidGraphException(
                    where
                            + ": the graph is empty (0 nodes); drop empty graphs before batching, "
                            + "e.g. events with no particles passing the selection");
        }
        checkFinite(where, "x", x, numFeatures);
        checkFinite(where, "edgeAttr", edgeAttr, edgeDim);
        checkFinite(where, "pos", pos, posDim);
        int e = numEdges();
        for (int i = 0; i < 2 * e; i++) {
            long v = edgeIndex[i];
            if (v < 0 || v >= numNodes) {
                throw new InvalidGraphException(
                        String.format(
                                "%s: edgeIndex[%d, %d] holds node %d but the graph has %d nodes; "
                                        + "indices must lie in [0, %d)",
                                where, i / e, i % e, v, numNodes, numNodes));
            }
        }
        return this;
    }

    private void checkFinite(String where, String name, float[] values, int cols) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InvalidGraphException(
                        String.format(
                                "%s: %s[%d, %d] is %s; replace or drop non-finite values before "
                                        + "building graphs (e.g. fill missing features with 0)",
                                where, name, i / cols, i % cols, values[i]));
            }
        }
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
                && y == g.y
                && Arrays.equals(x, g.x)
                && Arrays.equals(edgeIndex, g.edgeIndex)
                && Arrays.equals(edgeAttr, g.edgeAttr)
                && Arrays.equals(pos, g.pos);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                numNodes,
                numFeatures,
                y,
                Arrays.hashCode(x),
                Arrays.hashCode(edgeIndex),
                Arrays.hashCode(edgeAttr));
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
