package org.hepgraph.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class GraphSetLayoutTest {

    @Test
    void givesTheExactBytesOfEveryField() {
        GraphSetLayout l =
                GraphSetLayout.of(3, 10, 20, 4).withEdgeDim(2).withPosDim(2).withGraphAttrDim(5);
        assertEquals(10 * 4 * 4, l.xBytes());
        assertEquals(2 * 20 * 8, l.edgeIndexBytes());
        assertEquals(20 * 2 * 4, l.edgeAttrBytes());
        assertEquals(10 * 2 * 4, l.posBytes());
        assertEquals(3 * 5 * 4, l.graphAttrBytes());
        assertEquals(3 * 8, l.yBytes());
        assertEquals(4 * 8, l.ptrBytes());
    }

    @Test
    void refusesNegativeSizesAndFieldsOverOneBuffer() {
        var negative =
                assertThrows(InvalidArgumentException.class, () -> GraphSetLayout.of(2, -1, 0, 3));
        assertTrue(negative.getMessage().contains("got B=2, N=-1"), negative.getMessage());
        var big =
                assertThrows(
                        InvalidArgumentException.class, () -> GraphSetLayout.of(1, 1L << 28, 0, 4));
        assertTrue(big.getMessage().contains("x would hold 1073741824 values"), big.getMessage());
        assertTrue(big.getMessage().contains("split the data"), big.getMessage());
    }
}
