package org.hepgraph.transforms.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.junit.jupiter.api.Test;

class FeatureMaskTest {

    @Test
    void replacesWholeRowsOfTheStatedNumberOfNodes() {
        Graph g = AugmentationsFixture.labelledRing(10);
        float[] fill = {-7, -8};
        Graph v = new FeatureMask(0.3, fill).apply(g, new Random(2));
        float[] x = v.x();
        int masked = 0;
        for (int i = 0; i < 10; i++) {
            if (x[2 * i] == -7) {
                assertEquals(-8f, x[2 * i + 1]);
                masked++;
            } else {
                assertEquals(i, x[2 * i]);
                assertEquals(10 * i, x[2 * i + 1]);
            }
        }
        assertEquals(3, masked);
        assertArrayEquals(g.edgeIndex(), v.edgeIndex());
        assertArrayEquals(g.edgeAttr(), v.edgeAttr());
        assertArrayEquals(g.pos(), v.pos());
        assertEquals(1, v.y());
    }

    @Test
    void fillsWithZerosByDefaultAndIsDeterministic() {
        Graph g = AugmentationsFixture.labelledRing(10);
        FeatureMask mask = new FeatureMask(0.5);
        Graph a = mask.apply(g, new Random(4));
        assertEquals(a, mask.apply(g, new Random(4)));
        int zeros = 0;
        float[] x = a.x();
        for (int i = 1; i < 10; i++) { // node 0 has features (0, 0) anyway
            zeros += x[2 * i] == 0 && x[2 * i + 1] == 0 ? 1 : 0;
        }
        assertTrue(zeros == 4 || zeros == 5, "zeros " + zeros);
    }

    @Test
    void refusesAFillOfTheWrongWidth() {
        var e =
                assertThrows(
                        InvalidArgumentException.class,
                        () ->
                                new FeatureMask(0.2, new float[3])
                                        .apply(
                                                AugmentationsFixture.labelledRing(4),
                                                new Random(0)));
        assertTrue(
                e.getMessage()
                        .contains("fill vector has 3 values but the graph has 2 node features"),
                e.getMessage());
    }

    @Test
    void composesWithTheOthersInOrder() {
        Graph g = AugmentationsFixture.labelledRing(10);
        GraphAugmentation both =
                GraphAugmentation.compose(new NodeDrop(0.2), new FeatureMask(0.25));
        Graph v = both.apply(g, new Random(0));
        assertEquals(8, v.numNodes());
        v.validate();
        Random r = new Random(0);
        Graph manual = new FeatureMask(0.25).apply(new NodeDrop(0.2).apply(g, r), r);
        assertEquals(manual, v);
    }
}
