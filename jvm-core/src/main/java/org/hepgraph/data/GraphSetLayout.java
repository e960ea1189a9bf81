package org.hepgraph.data;

import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * The shape of a {@link GraphSet}: how many graphs, nodes and edges, and the width of every field.
 * It fixes the exact byte size of each buffer, so a set can be allocated once ({@link
 * GraphSet#allocate}) or checked against buffers it wraps ({@link GraphSet#wrap}).
 *
 * <ul>
 *   <li>{@code x [N, F]} float32, {@code edgeIndex [2, E]} int64, {@code y [B]} int64, {@code
 *       nodePtr [B + 1]} and {@code edgePtr [B + 1]} int64
 *   <li>optional: {@code edgeAttr [E, D]}, {@code pos [N, P]}, {@code graphAttr [B, G]} float32,
 *       absent when their width is 0
 * </ul>
 *
 * <p>Each field is one {@link java.nio.ByteBuffer}, so it holds at most {@link Integer#MAX_VALUE}
 * bytes (2 GiB); split larger data into several sets.
 *
 * @param numGraphs B
 * @param totalNodes N, the nodes of all graphs
 * @param totalEdges E, the edges of all graphs
 * @param numFeatures F, node features
 * @param edgeDim D, edge features (0: none)
 * @param posDim P, position columns (0: none)
 * @param graphAttrDim G, graph-level features (0: none; PyG's MetaLayer calls them {@code u})
 */
public record GraphSetLayout(
        int numGraphs,
        long totalNodes,
        long totalEdges,
        int numFeatures,
        int edgeDim,
        int posDim,
        int graphAttrDim) {

    public GraphSetLayout {
        if (numGraphs < 0
                || totalNodes < 0
                || totalEdges < 0
                || numFeatures < 0
                || edgeDim < 0
                || posDim < 0
                || graphAttrDim < 0) {
            throw new InvalidArgumentException(
                    String.format(
                            "GraphSetLayout: every size must be >= 0, got B=%d, N=%d, E=%d, F=%d,"
                                    + " D=%d, P=%d, G=%d",
                            numGraphs,
                            totalNodes,
                            totalEdges,
                            numFeatures,
                            edgeDim,
                            posDim,
                            graphAttrDim));
        }
        checkBytes("x", totalNodes * numFeatures, 4);
        checkBytes("edgeIndex", 2 * totalEdges, 8);
        checkBytes("edgeAttr", totalEdges * edgeDim, 4);
        checkBytes("pos", totalNodes * posDim, 4);
        checkBytes("graphAttr", (long) numGraphs * graphAttrDim, 4);
        checkBytes("nodePtr", numGraphs + 1L, 8);
    }

    /** A layout without edge, position or graph-level features. */
    public static GraphSetLayout of(
            int numGraphs, long totalNodes, long totalEdges, int numFeatures) {
        return new GraphSetLayout(numGraphs, totalNodes, totalEdges, numFeatures, 0, 0, 0);
    }

    /** This layout with edge features of width {@code d}. */
    public GraphSetLayout withEdgeDim(int d) {
        return new GraphSetLayout(
                numGraphs, totalNodes, totalEdges, numFeatures, d, posDim, graphAttrDim);
    }

    /** This layout with node positions of width {@code p}. */
    public GraphSetLayout withPosDim(int p) {
        return new GraphSetLayout(
                numGraphs, totalNodes, totalEdges, numFeatures, edgeDim, p, graphAttrDim);
    }

    /** This layout with graph-level features of width {@code g}. */
    public GraphSetLayout withGraphAttrDim(int g) {
        return new GraphSetLayout(
                numGraphs, totalNodes, totalEdges, numFeatures, edgeDim, posDim, g);
    }

    /** Bytes of {@code x}. */
    public int xBytes() {
        return (int) (totalNodes * numFeatures * 4);
    }

    /** Bytes of {@code edgeIndex}. */
    public int edgeIndexBytes() {
        return (int) (totalEdges * 16);
    }

    public int edgeAttrBytes() {
        return (int) (totalEdges * edgeDim * 4);
    }

    public int posBytes() {
        return (int) (totalNodes * posDim * 4);
    }

    public int graphAttrBytes() {
        return numGraphs * graphAttrDim * 4;
    }

    /** Bytes of {@code y}. */
    public int yBytes() {
        return numGraphs * 8;
    }

    /** Bytes of {@code nodePtr}, and of {@code edgePtr}. */
    public int ptrBytes() {
        return (numGraphs + 1) * 8;
    }

    private static void checkBytes(String field, long values, int width) {
        if (values > Integer.MAX_VALUE / width) {
            throw new InvalidArgumentException(
                    String.format(
                            "GraphSetLayout: %s would hold %d values (%d bytes) but one buffer holds"
                                    + " at most %d bytes; split the data into several GraphSets",
                            field, values, values * width, Integer.MAX_VALUE));
        }
    }
}
