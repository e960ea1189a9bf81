package org.hepgraph.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.junit.jupiter.api.Test;

class GraphSetTest {

    /** Graphs with every optional field, so that each one makes the round trip. */
    static List<Graph> fullGraphs(long seed, int count) {
        Random r = new Random(seed);
        List<Graph> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Graph ring = TestGraphs.ring(r, 3 + r.nextInt(5), 3, 0f, i % 2);
            float[] ea = new float[ring.numEdges() * 2];
            float[] pos = new float[ring.numNodes() * 2];
            for (int k = 0; k < ea.length; k++) {
                ea[k] = r.nextFloat();
            }
            for (int k = 0; k < pos.length; k++) {
                pos[k] = r.nextFloat();
            }
            out.add(
                    ring.toBuilder()
                            .edgeAttr(2, ea)
                            .pos(2, pos)
                            .graphAttr(new float[] {i, -i})
                            .build());
        }
        return out;
    }

    private static long address(Buffer b) {
        return MemorySegment.ofBuffer(b).address();
    }

    @Test
    void copyOfRoundTripsEveryFieldAndGetIsAView() {
        List<Graph> graphs = fullGraphs(1, 20);
        GraphSet set = GraphSet.copyOf(graphs);
        assertEquals(graphs, set);
        assertEquals(20, set.numGraphs());
        assertEquals(graphs.stream().mapToLong(Graph::numNodes).sum(), set.totalNodes());
        assertEquals(graphs.stream().mapToLong(Graph::numEdges).sum(), set.totalEdges());
        assertEquals(3, set.numFeatures());
        assertEquals(2, set.edgeDim());
        assertEquals(2, set.posDim());
        assertEquals(2, set.graphAttrDim());
        assertArrayEquals(graphs.stream().mapToInt(Graph::y).toArray(), set.labels());
        Graph g = set.get(7);
        assertTrue(g.isView());
        assertFalse(graphs.get(7).isView());
        assertEquals(graphs.get(7).numNodes(), set.numNodes(7));
        // The view's buffer lies inside the set's x buffer: a window, not a copy.
        long offset = 4L * set.nodePtrView().get(7) * set.numFeatures();
        assertEquals(address(set.xView()) + offset, address(g.xView()));
        assertTrue(set.isCompact());
        assertTrue(set.toString().startsWith("GraphSet(graphs=20, x=["), set.toString());
    }

    @Test
    void copyOfAllocatesEachFieldOnceAtItsExactSize() {
        List<Graph> graphs = fullGraphs(2, 50);
        long before = GraphColumns.DIRECT_ALLOCATIONS.get();
        GraphSet set = GraphSet.copyOf(graphs);
        // nodePtr, edgePtr, x, edgeIndex, edgeAttr, pos, y, graphAttr: 8 fields, 8 allocations.
        assertEquals(8, GraphColumns.DIRECT_ALLOCATIONS.get() - before);
        GraphSetLayout l = set.backingLayout();
        assertEquals(l.xBytes(), set.columns.xBytes.capacity());
        assertEquals(set.totalNodes() * 3 * 4, l.xBytes());
        assertEquals(set.totalEdges() * 16, set.columns.edgeIndexBytes.capacity());
        assertEquals(set.totalEdges() * 2 * 4, set.columns.edgeAttrBytes.capacity());
        assertEquals(51 * 8, set.columns.nodePtrBytes.capacity());
    }

    @Test
    void viewsSeeWritesToTheBufferBehindTheSet() {
        GraphSet set = GraphSet.copyOf(TestGraphs.rings(3, 5, 2, 0f, 0));
        Graph before = set.get(2);
        float old = before.x()[1];
        int at = (int) (set.nodePtrView().get(2) * 2 + 1);
        set.columns.xBytes.putFloat(4 * at, 42f);
        assertEquals(42f, before.x()[1], "the graph taken before the write sees it: no copy");
        assertEquals(42f, set.get(2).xView().get(1));
        assertNotEquals(old, 42f);
    }

    @Test
    void wrapUsesTheCallersBuffersWithoutACopy() {
        // Two graphs: 2 nodes with edge 0 -> 1, 3 nodes with edges 2 -> 0 and 1 -> 2.
        ByteBuffer nodePtr = longs(0, 2, 5);
        ByteBuffer edgePtr = longs(0, 1, 3);
        ByteBuffer x = floats(1, 2, 3, 4, 5);
        ByteBuffer edgeIndex = longs(0, 2, 1, 1, 0, 2);
        ByteBuffer y = longs(1, -1);
        GraphSet set =
                GraphSet.wrap(
                        GraphSetLayout.of(2, 5, 3, 1),
                        nodePtr,
                        edgePtr,
                        x,
                        edgeIndex,
                        null,
                        null,
                        y,
                        null);
        assertEquals(address(x), address(set.xView()));
        assertEquals(address(edgeIndex), address(set.edgeIndexView()));
        assertEquals(address(nodePtr), address(set.nodePtrView()));
        Graph second = set.get(1);
        assertArrayEquals(new float[] {3, 4, 5}, second.x());
        assertArrayEquals(new long[] {2, 1, 0, 2}, second.edgeIndex());
        assertEquals(-1, second.y());
        assertEquals(
                Graph.builder(3, 1, new float[] {3, 4, 5}).edges(new long[] {2, 1, 0, 2}).build(),
                second);
        x.putFloat(4 * 4, -7f); // a write through the caller's buffer
        assertEquals(-7f, second.x()[2]);
    }

    @Test
    void wrapRefusesBadBuffersNamingFieldAndFix() {
        GraphSetLayout layout = GraphSetLayout.of(2, 5, 3, 1);
        String bigEndian =
                wrapError(
                        layout,
                        longs(0, 2, 5),
                        floats(1, 2, 3, 4, 5).order(ByteOrder.BIG_ENDIAN),
                        longs(0, 2, 1, 1, 0, 2));
        assertTrue(bigEndian.contains("x is a BIG_ENDIAN ByteBuffer"), bigEndian);
        assertTrue(bigEndian.contains("order(ByteOrder.LITTLE_ENDIAN)"), bigEndian);
        String size =
                wrapError(layout, longs(0, 2, 5), floats(1, 2, 3, 4), longs(0, 2, 1, 1, 0, 2));
        assertTrue(
                size.contains("x has 16 bytes but the layout [N, F] float32 needs exactly 20"),
                size);
        ByteBuffer heap = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        String onHeap = wrapError(layout, longs(0, 2, 5), heap, longs(0, 2, 1, 1, 0, 2));
        assertTrue(onHeap.contains("x is a heap ByteBuffer"), onHeap);
        String monotone =
                wrapError(layout, longs(0, 3, 2), floats(1, 2, 3, 4, 5), longs(0, 2, 1, 1, 0, 2));
        assertTrue(monotone.contains("nodePtr is not monotone at graph 1"), monotone);
        String last =
                wrapError(layout, longs(0, 2, 4), floats(1, 2, 3, 4, 5), longs(0, 2, 1, 1, 0, 2));
        assertTrue(last.contains("nodePtr[2] = 4 but the layout holds 5 rows"), last);
        String empty =
                wrapError(layout, longs(0, 0, 5), floats(1, 2, 3, 4, 5), longs(0, 2, 1, 1, 0, 2));
        assertTrue(empty.contains("graph 0 is empty"), empty);
        // Edge 0 of graph 1 points at its node 3, but graph 1 has 3 nodes.
        String outside =
                wrapError(layout, longs(0, 2, 5), floats(1, 2, 3, 4, 5), longs(0, 3, 1, 1, 0, 2));
        assertTrue(
                outside.contains("graph 1: edgeIndex[0, 0] holds node 3 but the graph has 3 nodes"),
                outside);
        String nan =
                wrapError(
                        layout,
                        longs(0, 2, 5),
                        floats(1, 2, 3, Float.NaN, 5),
                        longs(0, 2, 1, 1, 0, 2));
        assertTrue(nan.contains("graph 1: x[1, 0] (row 3 of the set) is NaN"), nan);
    }

    private static String wrapError(
            GraphSetLayout layout, ByteBuffer nodePtr, ByteBuffer x, ByteBuffer edgeIndex) {
        return assertThrows(
                        InvalidGraphException.class,
                        () ->
                                GraphSet.wrap(
                                        layout,
                                        nodePtr,
                                        longs(0, 1, 3),
                                        x,
                                        edgeIndex,
                                        null,
                                        null,
                                        longs(0, 1),
                                        null))
                .getMessage();
    }

    @Test
    void subsetsSlicesAndRelabellingAreViews() {
        List<Graph> graphs = TestGraphs.rings(4, 10, 2, 0f, 0);
        GraphSet set = GraphSet.copyOf(graphs);
        GraphSet subset = set.subsetView(new int[] {7, 2, 2});
        assertEquals(List.of(graphs.get(7), graphs.get(2), graphs.get(2)), subset);
        assertSame(set.columns, subset.columns);
        assertFalse(subset.isCompact());
        assertEquals(graphs.get(7).numNodes() + 2L * graphs.get(2).numNodes(), subset.totalNodes());
        GraphSet slice = set.sliceView(3, 6);
        assertEquals(graphs.subList(3, 6), slice);
        assertEquals(graphs.subList(3, 6), set.subList(3, 6));
        GraphSet relabelled = slice.relabelledView(new int[] {1, 0, 1});
        assertArrayEquals(new int[] {1, 0, 1}, relabelled.labels());
        assertEquals(graphs.get(3).withLabel(1), relabelled.get(0));
        assertArrayEquals(new int[] {0, 0, 0}, slice.labels(), "the original keeps its labels");
        assertSame(set.columns, relabelled.get(0).columns);
        assertEquals(5, relabelled.subsetView(new int[] {2}).get(0).row);
        assertEquals(1, relabelled.subsetView(new int[] {2}).label(0));
        assertThrows(InvalidArgumentException.class, () -> set.sliceView(4, 11));
        assertThrows(InvalidArgumentException.class, () -> slice.relabelledView(new int[] {1}));
    }

    @Test
    void withLabelOnAViewStaysAView() {
        GraphSet set = GraphSet.copyOf(TestGraphs.rings(5, 3, 2, 0f, 0));
        Graph g = set.get(1).withLabel(1);
        assertTrue(g.isView());
        assertEquals(1, g.y());
        assertSame(g, g.validate("view"), "a view was checked with its set");
    }

    @Test
    void copyOfRefusesGraphsOfDifferentWidths() {
        Random r = new Random(6);
        var e =
                assertThrows(
                        InvalidGraphException.class,
                        () ->
                                GraphSet.of(
                                        TestGraphs.ring(r, 3, 2, 0, 0),
                                        TestGraphs.ring(r, 3, 4, 0, 0)));
        assertTrue(
                e.getMessage().contains("graph 1 has [F, D, P, G] = [4, 0, 0, 0]"), e.getMessage());
    }

    @Test
    void copyOfRefusesInvalidStandaloneGraphsOnce() {
        Graph nan =
                Graph.builder(2, 1, new float[] {1, Float.NaN}).edges(new long[] {0, 1}).build();
        Random r = new Random(7);
        var e =
                assertThrows(
                        InvalidGraphException.class,
                        () -> GraphSet.of(TestGraphs.ring(r, 3, 1, 0, 0), nan));
        assertTrue(e.getMessage().contains("graph 1: x[1, 0]"), e.getMessage());
        var label =
                assertThrows(
                        InvalidGraphException.class,
                        () -> GraphSet.of(TestGraphs.ring(r, 3, 1, 0, 0).withLabel(-3)));
        assertTrue(label.getMessage().contains("graph 0: y = -3"), label.getMessage());
    }

    @Test
    void wrapTakesFieldsAtTheirPlaceInOneSharedRegion() {
        // As a mapped file would hold them: a header, then every field at its own offset.
        long[] nodePtr = {0, 2, 5};
        long[] edgePtr = {0, 1, 3};
        long[] edgeIndex = {0, 2, 1, 1, 0, 2};
        long[] y = {0, 1};
        float[] x = {1, 2, 3, 4, 5};
        ByteBuffer file = ByteBuffer.allocateDirect(256).order(ByteOrder.LITTLE_ENDIAN);
        file.position(16).asLongBuffer().put(nodePtr).put(edgePtr).put(edgeIndex).put(y);
        int xAt = 16 + 8 * (3 + 3 + 6 + 2);
        file.position(xAt).asFloatBuffer().put(x);
        GraphSet set =
                GraphSet.wrap(
                        GraphSetLayout.of(2, 5, 3, 1),
                        region(file, 16, 24),
                        region(file, 40, 24),
                        region(file, xAt, 20),
                        region(file, 64, 48),
                        null,
                        null,
                        region(file, 112, 16),
                        null);
        assertEquals(address(file.duplicate().clear()) + xAt, address(set.xView()));
        assertArrayEquals(new int[] {0, 1}, set.labels());
        assertArrayEquals(new long[] {2, 1, 0, 2}, set.get(1).edgeIndex());
        assertArrayEquals(new float[] {3, 4, 5}, set.get(1).x());
    }

    private static ByteBuffer region(ByteBuffer file, int at, int bytes) {
        return file.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(at).limit(at + bytes);
    }

    @Test
    void viewsAreReadOnly() {
        GraphSet set = GraphSet.copyOf(TestGraphs.rings(9, 2, 2, 0f, 0));
        assertThrows(ReadOnlyBufferException.class, () -> set.get(0).xView().put(0, 1f));
        assertThrows(ReadOnlyBufferException.class, () -> set.xView().put(0, 1f));
        assertThrows(ReadOnlyBufferException.class, () -> set.edgeIndexView().put(0, 1L));
    }

    static ByteBuffer longs(long... v) {
        ByteBuffer b = ByteBuffer.allocateDirect(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(v);
        return b;
    }

    static ByteBuffer floats(float... v) {
        ByteBuffer b = ByteBuffer.allocateDirect(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b;
    }
}
