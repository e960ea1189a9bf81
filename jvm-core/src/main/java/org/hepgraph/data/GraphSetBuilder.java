package org.hepgraph.data;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hepgraph.HepgraphException.InvalidGraphException;

/**
 * Appends graphs, then allocates a {@link GraphSet} once. Added graphs and batches are only
 * referenced (a batch is read back to the host once); {@link #build()} sums the sizes, allocates
 * each field exactly once and copies every piece in bulk. All pieces must share their widths (node,
 * edge, position and graph-level features).
 */
public final class GraphSetBuilder {

    /** A run of graphs in host memory: local edge ids, grouped by graph. */
    private record Chunk(
            long[] nodePtr,
            long[] edgePtr,
            float[] x,
            long[] src,
            long[] dst,
            float[] edgeAttr,
            long[] y) {}

    private final List<Object> pieces = new ArrayList<>(); // Graph or Chunk
    private int numGraphs;
    private long totalNodes;
    private long totalEdges;
    private int[] widths; // F, D, P, G of the first piece

    GraphSetBuilder() {}

    /** Adds one graph (referenced until {@link #build()}, not copied now). */
    public GraphSetBuilder add(Graph g) {
        Objects.requireNonNull(g, "graph");
        widths(g.numFeatures(), g.edgeDim(), g.posDim(), g.graphAttrDim());
        pieces.add(g);
        numGraphs++;
        totalNodes += g.numNodes();
        totalEdges += g.numEdges();
        return this;
    }

    /** Adds every graph of {@code graphs}, in order. */
    public GraphSetBuilder addAll(List<? extends Graph> graphs) {
        for (Graph g : graphs) {
            add(g);
        }
        return this;
    }

    /**
     * Adds every graph of {@code batch}, read back to the host once. Edges are grouped by the graph
     * of their target (a stable counting sort, so within a graph their order is kept) and made
     * local; an edge whose source lies in another graph is refused when the set is built.
     */
    public GraphSetBuilder addBatch(GraphBatch batch) {
        int b = batch.numGraphs();
        int f = batch.numFeatures();
        int d = batch.edgeAttr() == null ? 0 : (int) batch.edgeAttr().getShape().get(1);
        widths(f, d, 0, 0);
        long[] ptr = batch.ptr();
        long[] ei = batch.edgeIndex().toLongArray();
        float[] ea = d == 0 ? new float[0] : batch.edgeAttr().toFloatArray();
        int e = ei.length / 2;
        int[] graphOfNode = new int[Math.toIntExact(ptr[b])];
        for (int g = 0; g < b; g++) {
            for (long k = ptr[g]; k < ptr[g + 1]; k++) {
                graphOfNode[(int) k] = g;
            }
        }
        long[] edgePtr = new long[b + 1];
        for (int k = 0; k < e; k++) {
            edgePtr[graphOf(graphOfNode, ei[e + k], "target") + 1]++;
        }
        for (int g = 0; g < b; g++) {
            edgePtr[g + 1] += edgePtr[g];
        }
        long[] src = new long[e];
        long[] dst = new long[e];
        float[] attr = new float[ea.length];
        long[] fill = java.util.Arrays.copyOf(edgePtr, b);
        for (int k = 0; k < e; k++) {
            int g = graphOfNode[(int) ei[e + k]];
            int at = (int) fill[g]++;
            src[at] = ei[k] - ptr[g];
            dst[at] = ei[e + k] - ptr[g];
            System.arraycopy(ea, k * d, attr, at * d, d);
        }
        pieces.add(
                new Chunk(
                        ptr,
                        edgePtr,
                        batch.x().toFloatArray(),
                        src,
                        dst,
                        attr,
                        batch.y().toLongArray()));
        numGraphs += b;
        totalNodes += ptr[b];
        totalEdges += e;
        return this;
    }

    /** Graphs added so far. */
    public int numGraphs() {
        return numGraphs;
    }

    /** Allocates each field once, copies every piece in, and checks the result once. */
    public GraphSet build() {
        int[] w = widths == null ? new int[4] : widths;
        GraphSetLayout layout =
                new GraphSetLayout(numGraphs, totalNodes, totalEdges, w[0], w[1], w[2], w[3]);
        GraphSetWriter out = GraphSet.allocate(layout);
        Target t = new Target(out, layout);
        for (Object piece : pieces) {
            if (piece instanceof Graph g) {
                t.copy(g);
            } else {
                t.copy((Chunk) piece);
            }
        }
        t.nodePtr.put(numGraphs, totalNodes);
        t.edgePtr.put(numGraphs, totalEdges);
        return out.finish();
    }

    private void widths(int f, int d, int p, int g) {
        int[] w = {f, d, p, g};
        if (widths == null) {
            widths = w;
            return;
        }
        if (!java.util.Arrays.equals(widths, w)) {
            throw new InvalidGraphException(
                    String.format(
                            "GraphSet.builder: graph %d has [F, D, P, G] = %s but graph 0 has %s"
                                    + " (node, edge, position and graph-level features); all"
                                    + " graphs of a set must share their widths",
                            numGraphs,
                            java.util.Arrays.toString(w),
                            java.util.Arrays.toString(widths)));
        }
    }

    private static int graphOf(int[] graphOfNode, long node, String what) {
        if (node < 0 || node >= graphOfNode.length) {
            throw new InvalidGraphException(
                    String.format(
                            "GraphSet.builder.addBatch: an edge %s is node %d but the batch has %d"
                                    + " nodes; indices must lie in [0, %d)",
                            what, node, graphOfNode.length, graphOfNode.length));
        }
        return graphOfNode[(int) node];
    }

    /** The writer's buffers and how far they are filled. */
    private static final class Target {
        final LongBuffer nodePtr;
        final LongBuffer edgePtr;
        final FloatBuffer x;
        final LongBuffer edgeIndex;
        final FloatBuffer edgeAttr;
        final FloatBuffer pos;
        final LongBuffer y;
        final FloatBuffer graphAttr;
        final GraphSetLayout layout;
        final int totalEdges;
        int graph;
        int node;
        int edge;

        Target(GraphSetWriter w, GraphSetLayout layout) {
            this.layout = layout;
            nodePtr = w.nodePtr();
            edgePtr = w.edgePtr();
            x = w.x();
            edgeIndex = w.edgeIndex();
            edgeAttr = layout.edgeDim() > 0 ? w.edgeAttr() : null;
            pos = layout.posDim() > 0 ? w.pos() : null;
            y = w.y();
            graphAttr = layout.graphAttrDim() > 0 ? w.graphAttr() : null;
            totalEdges = (int) layout.totalEdges();
        }

        void copy(Graph g) {
            int f = layout.numFeatures();
            int n = g.numNodes();
            int e = g.numEdges();
            nodePtr.put(graph, node);
            edgePtr.put(graph, edge);
            x.put(node * f, g.x, 0, n * f);
            edgeIndex.put(edge, g.sources, 0, e);
            edgeIndex.put(totalEdges + edge, g.targets, 0, e);
            if (edgeAttr != null) {
                edgeAttr.put(edge * layout.edgeDim(), g.edgeAttr, 0, e * layout.edgeDim());
            }
            if (pos != null) {
                pos.put(node * layout.posDim(), g.pos, 0, n * layout.posDim());
            }
            if (graphAttr != null) {
                int gd = layout.graphAttrDim();
                graphAttr.put(graph * gd, g.graphAttr, 0, gd);
            }
            y.put(graph, g.y());
            graph++;
            node += n;
            edge += e;
        }

        void copy(Chunk c) {
            int b = c.y().length;
            for (int k = 0; k < b; k++) {
                nodePtr.put(graph + k, node + c.nodePtr()[k]);
                edgePtr.put(graph + k, edge + c.edgePtr()[k]);
            }
            x.put(node * layout.numFeatures(), c.x());
            edgeIndex.put(edge, c.src());
            edgeIndex.put(totalEdges + edge, c.dst());
            if (edgeAttr != null) {
                edgeAttr.put(edge * layout.edgeDim(), c.edgeAttr());
            }
            y.put(graph, c.y());
            graph += b;
            node += (int) c.nodePtr()[b];
            edge += c.src().length;
        }
    }
}
