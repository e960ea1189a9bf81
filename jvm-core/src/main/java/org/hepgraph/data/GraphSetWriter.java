package org.hepgraph.data;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * Buffers of exactly one {@link GraphSetLayout}, allocated once, for a reader that knows its sizes
 * to fill in place; {@link #finish()} checks them once and hands them to a {@link GraphSet} without
 * a copy. Write with absolute puts ({@code x().put(index, value)}); edge ids are local to their
 * graph (see {@link GraphSet}). Labels start at {@code -1} (unknown), everything else at 0.
 */
public final class GraphSetWriter {

    private final GraphSetLayout layout;
    private final ByteBuffer nodePtr;
    private final ByteBuffer edgePtr;
    private final ByteBuffer x;
    private final ByteBuffer edgeIndex;
    private final ByteBuffer edgeAttr;
    private final ByteBuffer pos;
    private final ByteBuffer y;
    private final ByteBuffer graphAttr;
    private boolean finished;

    GraphSetWriter(GraphSetLayout layout) {
        this.layout = layout;
        nodePtr = GraphColumns.allocate(layout.ptrBytes());
        edgePtr = GraphColumns.allocate(layout.ptrBytes());
        x = GraphColumns.allocate(layout.xBytes());
        edgeIndex = GraphColumns.allocate(layout.edgeIndexBytes());
        edgeAttr = layout.edgeDim() > 0 ? GraphColumns.allocate(layout.edgeAttrBytes()) : null;
        pos = layout.posDim() > 0 ? GraphColumns.allocate(layout.posBytes()) : null;
        y = GraphColumns.allocate(layout.yBytes());
        graphAttr =
                layout.graphAttrDim() > 0 ? GraphColumns.allocate(layout.graphAttrBytes()) : null;
        LongBuffer labels = y.asLongBuffer();
        for (int g = 0; g < layout.numGraphs(); g++) {
            labels.put(g, -1);
        }
    }

    public GraphSetLayout layout() {
        return layout;
    }

    /** {@code nodePtr [B + 1]}, writable. */
    public LongBuffer nodePtr() {
        return open(nodePtr).asLongBuffer();
    }

    /** {@code edgePtr [B + 1]}, writable. */
    public LongBuffer edgePtr() {
        return open(edgePtr).asLongBuffer();
    }

    /** {@code x [N, F]}, writable. */
    public FloatBuffer x() {
        return open(x).asFloatBuffer();
    }

    /**
     * {@code edgeIndex [2, E]}: sources at {@code [0, E)}, targets at {@code [E, 2E)}; writable.
     */
    public LongBuffer edgeIndex() {
        return open(edgeIndex).asLongBuffer();
    }

    /** {@code edgeAttr [E, D]}, writable; only when the layout has {@code edgeDim > 0}. */
    public FloatBuffer edgeAttr() {
        return open(optional(edgeAttr, "edgeAttr", "withEdgeDim")).asFloatBuffer();
    }

    /** {@code pos [N, P]}, writable; only when the layout has {@code posDim > 0}. */
    public FloatBuffer pos() {
        return open(optional(pos, "pos", "withPosDim")).asFloatBuffer();
    }

    /** {@code y [B]}, writable. */
    public LongBuffer y() {
        return open(y).asLongBuffer();
    }

    /** {@code graphAttr [B, G]}, writable; only when the layout has {@code graphAttrDim > 0}. */
    public FloatBuffer graphAttr() {
        return open(optional(graphAttr, "graphAttr", "withGraphAttrDim")).asFloatBuffer();
    }

    /** Checks the buffers once and returns the set over them (no copy); the writer is spent. */
    public GraphSet finish() {
        open(x);
        finished = true;
        GraphColumns c =
                new GraphColumns(
                        "GraphSetWriter.finish",
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

    private ByteBuffer open(ByteBuffer b) {
        if (finished) {
            throw new InvalidArgumentException(
                    "GraphSetWriter: finish() was called; the buffers belong to the GraphSet now."
                            + " Allocate a new writer to build another set");
        }
        return b.duplicate().order(b.order());
    }

    private static ByteBuffer optional(ByteBuffer b, String name, String fix) {
        if (b == null) {
            throw new InvalidArgumentException(
                    "GraphSetWriter: the layout has no "
                            + name
                            + " (width 0); give it a width with GraphSetLayout."
                            + fix
                            + "(...)");
        }
        return b;
    }
}
