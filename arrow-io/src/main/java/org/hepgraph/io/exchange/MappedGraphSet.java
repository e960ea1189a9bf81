package org.hepgraph.io.exchange;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.hepgraph.data.GraphSet;
import org.hepgraph.data.GraphSetLayout;

/**
 * A {@link GraphSet} over a memory-mapped Arrow IPC file ({@link GraphSetIpc#map}): its buffers are
 * slices of the mapping, so it is a view of the file and sees writes made to it by any process.
 * {@link #close()} releases the record batch, the mapping's ArrowBuf and the child allocator, then
 * unmaps; the set must not be used afterwards (its buffers then throw {@link
 * IllegalStateException}).
 */
public final class MappedGraphSet extends MappedView {

    private final GraphSet graphs;

    MappedGraphSet(MappedIpcFile f) {
        super(f);
        String what = "GraphSetIpc.map";
        long[] x = shape(f, "x", 2, true);
        long[] ei = shape(f, "edgeIndex", 2, true);
        long[] y = shape(f, "y", 1, true);
        long[] np = shape(f, "nodePtr", 1, true);
        long[] ep = shape(f, "edgePtr", 1, true);
        long[] ea = shape(f, "edgeAttr", 2, false);
        long[] pos = shape(f, "pos", 2, false);
        long[] ga = shape(f, "graphAttr", 2, false);
        int b = (int) y[0];
        long n = x[0];
        long e = ei[1];
        if (ei[0] != 2 || np[0] != b + 1L || ep[0] != b + 1L) {
            throw MappedIpcFile.fail(
                    what,
                    f.path,
                    String.format(
                            "has shapes edgeIndex %s, nodePtr %s, edgePtr %s for %d graphs;"
                                    + " expected [2, E], [%d], [%d]",
                            Arrays.toString(ei),
                            Arrays.toString(np),
                            Arrays.toString(ep),
                            b,
                            b + 1,
                            b + 1));
        }
        checkRows(f, "edgeAttr", ea, e);
        checkRows(f, "pos", pos, n);
        checkRows(f, "graphAttr", ga, b);
        GraphSetLayout layout =
                new GraphSetLayout(
                        b,
                        n,
                        e,
                        (int) x[1],
                        ea == null ? 0 : (int) ea[1],
                        pos == null ? 0 : (int) pos[1],
                        ga == null ? 0 : (int) ga[1]);
        this.graphs =
                GraphSet.wrap(
                        layout,
                        values(f, "nodePtr", 8),
                        values(f, "edgePtr", 8),
                        values(f, "x", 4),
                        values(f, "edgeIndex", 8),
                        ea == null ? null : values(f, "edgeAttr", 4),
                        pos == null ? null : values(f, "pos", 4),
                        values(f, "y", 8),
                        ga == null ? null : values(f, "graphAttr", 4));
    }

    private static long[] shape(MappedIpcFile f, String name, int rank, boolean required) {
        int i = f.indexOf(name);
        if (i < 0) {
            if (required) {
                throw MappedIpcFile.fail("GraphSetIpc.map", f.path, "has no column '" + name + "'");
            }
            return null;
        }
        long[] s = f.shape(i);
        String want =
                name.equals("x")
                                || name.equals("edgeAttr")
                                || name.equals("pos")
                                || name.equals("graphAttr")
                        ? "float32"
                        : "int64";
        if (s.length != rank || !f.valueType(i).equals(want)) {
            throw MappedIpcFile.fail(
                    "GraphSetIpc.map",
                    f.path,
                    String.format(
                            "column '%s' is %s %s; expected %s of rank %d",
                            name, f.valueType(i), Arrays.toString(s), want, rank));
        }
        return s;
    }

    private static void checkRows(MappedIpcFile f, String name, long[] s, long rows) {
        if (s != null && s[0] != rows) {
            throw MappedIpcFile.fail(
                    "GraphSetIpc.map",
                    f.path,
                    String.format("column '%s' has %d rows; expected %d", name, s[0], rows));
        }
    }

    private static ByteBuffer values(MappedIpcFile f, String name, int width) {
        int i = f.indexOf(name);
        return f.values(i, MappedIpcFile.count(f.shape(i)) * width);
    }

    /** The graphs: a view of the mapped file (no copy). */
    public GraphSet graphs() {
        return graphs;
    }

    @Override
    public String toString() {
        return "MappedGraphSet(" + file.path + ", " + graphs + ")";
    }
}
