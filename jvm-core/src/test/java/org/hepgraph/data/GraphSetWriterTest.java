package org.hepgraph.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.LongBuffer;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class GraphSetWriterTest {

    @Test
    void fillsInPlaceAndFinishesWithoutACopy() {
        long before = GraphColumns.DIRECT_ALLOCATIONS.get();
        GraphSetWriter w = GraphSet.allocate(GraphSetLayout.of(2, 3, 1, 2).withGraphAttrDim(1));
        assertEquals(6, GraphColumns.DIRECT_ALLOCATIONS.get() - before);
        LongBuffer ptr = w.nodePtr();
        ptr.put(1, 1).put(2, 3);
        w.edgePtr().put(1, 0).put(2, 1);
        w.x().put(new float[] {1, 2, 3, 4, 5, 6});
        w.edgeIndex().put(0, 1).put(1, 0); // graph 1: 1 -> 0
        w.y().put(0, 1);
        w.graphAttr().put(1, 9f);
        GraphSet set = w.finish();
        assertEquals(6, GraphColumns.DIRECT_ALLOCATIONS.get() - before, "finish copies nothing");
        assertArrayEquals(new int[] {1, -1}, set.labels(), "labels start unknown");
        assertArrayEquals(new long[] {1, 0}, set.get(1).edgeIndex());
        assertArrayEquals(new float[] {3, 4, 5, 6}, set.get(1).x());
        assertArrayEquals(new float[] {9f}, set.get(1).graphAttr());
        var spent = assertThrows(InvalidArgumentException.class, w::x);
        assertTrue(spent.getMessage().contains("finish() was called"), spent.getMessage());
    }

    @Test
    void absentFieldsSayHowToAddThem() {
        GraphSetWriter w = GraphSet.allocate(GraphSetLayout.of(1, 1, 0, 1));
        var e = assertThrows(InvalidArgumentException.class, w::edgeAttr);
        assertTrue(e.getMessage().contains("GraphSetLayout.withEdgeDim"), e.getMessage());
    }
}
