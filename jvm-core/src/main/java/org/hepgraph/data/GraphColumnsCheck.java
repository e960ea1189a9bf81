package org.hepgraph.data;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import org.hepgraph.HepgraphException.InvalidGraphException;

/**
 * The one deep check of a {@link GraphColumns}: pointers start at 0, rise and end at the totals; no
 * graph is empty; labels are class indices or -1; every float is finite; every edge joins two nodes
 * of its own graph. Each message names the graph, the field, the value and the fix.
 */
final class GraphColumnsCheck {

    private final String who;
    private final GraphColumns c;

    GraphColumnsCheck(String who, GraphColumns c) {
        this.who = who;
        this.c = c;
    }

    void run() {
        int b = c.numGraphs();
        pointers("nodePtr", c.nodePtr, c.layout.totalNodes(), true);
        pointers("edgePtr", c.edgePtr, c.layout.totalEdges(), false);
        for (int g = 0; g < b; g++) {
            long label = c.y.get(g);
            if (label < -1 || label > Integer.MAX_VALUE) {
                throw fail(
                        g,
                        String.format(
                                "y = %d; labels are class indices >= 0, or -1 when unknown",
                                label));
            }
        }
        finite("x", c.x, c.layout.numFeatures(), c.nodePtr);
        finite("pos", c.pos, c.layout.posDim(), c.nodePtr);
        finite("edgeAttr", c.edgeAttr, c.layout.edgeDim(), c.edgePtr);
        finite("graphAttr", c.graphAttr, c.layout.graphAttrDim(), null);
        edges();
    }

    private void pointers(String name, LongBuffer ptr, long total, boolean strict) {
        int b = c.numGraphs();
        if (ptr.get(0) != 0) {
            throw new InvalidGraphException(
                    String.format(
                            "%s: %s[0] = %d; pointers must start at 0 (graph 0 begins at row 0)",
                            who, name, ptr.get(0)));
        }
        for (int g = 0; g < b; g++) {
            long lo = ptr.get(g);
            long hi = ptr.get(g + 1);
            if (hi < lo || (strict && hi == lo)) {
                String what =
                        hi == lo
                                ? "graph %d is empty: %s[%d] = %s[%d] = %d; drop empty graphs"
                                        + " (e.g. events with no particles) before building the set"
                                : "%s is not monotone at graph %d: %s[%d] = %d > %s[%d] = %d;"
                                        + " pointers hold cumulative counts, so they never"
                                        + " decrease";
                throw new InvalidGraphException(
                        who
                                + ": "
                                + (hi == lo
                                        ? String.format(what, g, name, g, name, g + 1, lo)
                                        : String.format(
                                                what, name, g, name, g, lo, name, g + 1, hi)));
            }
        }
        if (ptr.get(b) != total) {
            throw new InvalidGraphException(
                    String.format(
                            "%s: %s[%d] = %d but the layout holds %d rows; the last pointer must"
                                    + " equal the total",
                            who, name, b, ptr.get(b), total));
        }
    }

    /**
     * Checks {@code values [rows, cols]}; {@code ptr} maps a row to its graph (null: row = graph).
     */
    private void finite(String name, FloatBuffer values, int cols, LongBuffer ptr) {
        int n = values.limit();
        for (int i = 0; i < n; i++) {
            float v = values.get(i);
            if (!Float.isFinite(v)) {
                long row = i / cols;
                int g = ptr == null ? (int) row : graphOf(ptr, row);
                long local = ptr == null ? 0 : row - ptr.get(g);
                String where =
                        ptr == null
                                ? String.format("%s[%d, %d]", name, g, i % cols)
                                : String.format(
                                        "%s[%d, %d] (row %d of the set)",
                                        name, local, i % cols, row);
                throw fail(
                        g,
                        where
                                + " is "
                                + v
                                + "; replace or drop non-finite values before building graphs"
                                + " (e.g. fill missing features with 0)");
            }
        }
    }

    private void edges() {
        long e = c.layout.totalEdges();
        for (int g = 0; g < c.numGraphs(); g++) {
            int n = c.numNodes(g);
            long lo = c.edgeStart(g);
            long hi = lo + c.numEdges(g);
            for (int row = 0; row < 2; row++) {
                for (long k = lo; k < hi; k++) {
                    long v = c.edgeIndex.get((int) (row * e + k));
                    if (v < 0 || v >= n) {
                        throw fail(
                                g,
                                String.format(
                                        "edgeIndex[%d, %d] holds node %d but the graph has %d"
                                                + " nodes; indices are local to their graph and"
                                                + " must lie in [0, %d)",
                                        row, k - lo, v, n, n));
                    }
                }
            }
        }
    }

    /** The graph that owns {@code row}: the last g with ptr[g] <= row. */
    private int graphOf(LongBuffer ptr, long row) {
        int lo = 0;
        int hi = c.numGraphs() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (ptr.get(mid) <= row) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private InvalidGraphException fail(int g, String what) {
        return new InvalidGraphException(who + ": graph " + g + ": " + what);
    }
}
