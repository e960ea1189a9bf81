package org.hepgraph.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.hepgraph.HepgraphException.InvalidGraphException;

/**
 * The storage behind a {@link GraphSet}: one little-endian direct buffer per field, checked once
 * here (shapes, pointers, finite values, edges inside their own graph) so that views, batches and
 * {@link Graph#validate()} can trust it.
 *
 * <p>Edge indices are local: edge {@code k} of graph {@code g} joins nodes in {@code [0, n_g)}, as
 * PyG's {@code InMemoryDataset} stores them, so a subset needs no rewrite.
 */
final class GraphColumns {

    /**
     * Direct buffers allocated by {@link #allocate}: lets tests see that a set is allocated once.
     */
    static final AtomicLong DIRECT_ALLOCATIONS = new AtomicLong();

    final GraphSetLayout layout;
    final ByteBuffer xBytes;
    final ByteBuffer edgeIndexBytes;
    final ByteBuffer edgeAttrBytes; // null when absent
    final ByteBuffer posBytes; // null when absent
    final ByteBuffer yBytes;
    final ByteBuffer graphAttrBytes; // null when absent
    final ByteBuffer nodePtrBytes;
    final ByteBuffer edgePtrBytes;

    // Read-only typed views, position 0; read with absolute gets only.
    final FloatBuffer x;
    final LongBuffer edgeIndex;
    final FloatBuffer edgeAttr;
    final FloatBuffer pos;
    final LongBuffer y;
    final FloatBuffer graphAttr;
    final LongBuffer nodePtr;
    final LongBuffer edgePtr;

    /**
     * Takes the buffers as they are (no copy) and validates them; {@code who} names the caller in
     * messages.
     */
    GraphColumns(
            String who,
            GraphSetLayout layout,
            ByteBuffer nodePtr,
            ByteBuffer edgePtr,
            ByteBuffer x,
            ByteBuffer edgeIndex,
            ByteBuffer edgeAttr,
            ByteBuffer pos,
            ByteBuffer y,
            ByteBuffer graphAttr) {
        this.layout = layout;
        this.nodePtrBytes = field(who, "nodePtr", nodePtr, layout.ptrBytes(), true);
        this.edgePtrBytes = field(who, "edgePtr", edgePtr, layout.ptrBytes(), true);
        this.xBytes = field(who, "x", x, layout.xBytes(), true);
        this.edgeIndexBytes = field(who, "edgeIndex", edgeIndex, layout.edgeIndexBytes(), true);
        this.edgeAttrBytes =
                field(who, "edgeAttr", edgeAttr, layout.edgeAttrBytes(), layout.edgeDim() > 0);
        this.posBytes = field(who, "pos", pos, layout.posBytes(), layout.posDim() > 0);
        this.yBytes = field(who, "y", y, layout.yBytes(), true);
        this.graphAttrBytes =
                field(
                        who,
                        "graphAttr",
                        graphAttr,
                        layout.graphAttrBytes(),
                        layout.graphAttrDim() > 0);
        this.nodePtr = nodePtrBytes.asLongBuffer().asReadOnlyBuffer();
        this.edgePtr = edgePtrBytes.asLongBuffer().asReadOnlyBuffer();
        this.x = xBytes.asFloatBuffer().asReadOnlyBuffer();
        this.edgeIndex = edgeIndexBytes.asLongBuffer().asReadOnlyBuffer();
        this.edgeAttr = floats(edgeAttrBytes);
        this.pos = floats(posBytes);
        this.y = yBytes.asLongBuffer().asReadOnlyBuffer();
        this.graphAttr = floats(graphAttrBytes);
        new GraphColumnsCheck(who, this).run();
    }

    /** A zeroed little-endian direct buffer of {@code bytes}; counted in DIRECT_ALLOCATIONS. */
    static ByteBuffer allocate(int bytes) {
        DIRECT_ALLOCATIONS.incrementAndGet();
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    int numGraphs() {
        return layout.numGraphs();
    }

    long nodeStart(int row) {
        return nodePtr.get(row);
    }

    int numNodes(int row) {
        return (int) (nodePtr.get(row + 1) - nodePtr.get(row));
    }

    long edgeStart(int row) {
        return edgePtr.get(row);
    }

    int numEdges(int row) {
        return (int) (edgePtr.get(row + 1) - edgePtr.get(row));
    }

    /** Graph {@code row} with label {@code label}, as a view of these buffers. */
    Graph graph(int row, int label) {
        return Graph.view(this, row, label);
    }

    private static FloatBuffer floats(ByteBuffer b) {
        return b == null ? FloatBuffer.allocate(0) : b.asFloatBuffer().asReadOnlyBuffer();
    }

    /**
     * The bytes {@code [position, limit)} of {@code b} as a little-endian buffer starting at 0,
     * after checking that it is direct, little-endian and exactly {@code bytes} long.
     */
    private static ByteBuffer field(
            String who, String name, ByteBuffer b, int bytes, boolean required) {
        if (b == null) {
            if (required && bytes == 0) {
                return ByteBuffer.allocateDirect(0).order(ByteOrder.LITTLE_ENDIAN);
            }
            if (required) {
                throw new InvalidGraphException(
                        String.format(
                                "%s: %s is missing but the layout needs %d bytes; pass a buffer"
                                        + " for it",
                                who, name, bytes));
            }
            return null;
        }
        if (!required && b.remaining() == 0) {
            return null;
        }
        if (!required) {
            throw new InvalidGraphException(
                    String.format(
                            "%s: %s has %d bytes but the layout gives it width 0; set its width"
                                    + " in the GraphSetLayout or pass null",
                            who, name, b.remaining()));
        }
        if (!b.isDirect()) {
            throw new InvalidGraphException(
                    String.format(
                            "%s: %s is a heap ByteBuffer; a GraphSet keeps its fields off-heap:"
                                    + " use ByteBuffer.allocateDirect, a mapped file, or"
                                    + " GraphSet.copyOf for Java arrays",
                            who, name));
        }
        if (b.order() != ByteOrder.LITTLE_ENDIAN) {
            throw new InvalidGraphException(
                    String.format(
                            "%s: %s is a %s ByteBuffer but the GraphSet layout is little-endian;"
                                    + " if the bytes are little-endian (numpy, Arrow and torch"
                                    + " write them so on x86 and ARM) call"
                                    + " buffer.order(ByteOrder.LITTLE_ENDIAN) before wrapping,"
                                    + " otherwise convert the data",
                            who, name, b.order()));
        }
        if (b.remaining() != bytes) {
            throw new InvalidGraphException(
                    String.format(
                            "%s: %s has %d bytes but the layout %s needs exactly %d; check the"
                                    + " layout's sizes or the buffer's position and limit",
                            who, name, b.remaining(), describe(name), bytes));
        }
        // slice() resets the byte order to big-endian: set it again.
        return b.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String describe(String name) {
        return switch (name) {
            case "x" -> "[N, F] float32";
            case "edgeIndex" -> "[2, E] int64";
            case "edgeAttr" -> "[E, D] float32";
            case "pos" -> "[N, P] float32";
            case "y" -> "[B] int64";
            case "graphAttr" -> "[B, G] float32";
            default -> "[B + 1] int64";
        };
    }
}
