package org.hepgraph.transforms.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.junit.jupiter.api.Test;

class NodeDropTest {

    @Test
    void dropsTheFloorOfRateTimesNodesAndTheirEdges() {
        Graph g = AugmentationsFixture.labelledRing(10);
        Graph v = new NodeDrop(0.35).apply(g, new Random(3));
        assertEquals(7, v.numNodes());
        assertEquals(1, v.y());
        v.validate();
        // Every kept edge must join two kept nodes that were ring neighbours, with its features.
        float[] x = v.x();
        float[] pos = v.pos();
        long[] ei = v.edgeIndex();
        float[] ea = v.edgeAttr();
        int e = v.numEdges();
        for (int i = 0; i < v.numNodes(); i++) {
            assertEquals(10 * x[2 * i], x[2 * i + 1]);
            assertEquals(100 - x[2 * i], pos[i]);
        }
        for (int k = 0; k < e; k++) {
            int s = (int) x[2 * (int) ei[k]];
            int t = (int) x[2 * (int) ei[e + k]];
            assertTrue((s + 1) % 10 == t || (t + 1) % 10 == s, s + " -> " + t);
            assertEquals(100 * s + t, ea[k]);
        }
        // A ring with 3 nodes removed keeps exactly the edges between surviving neighbours.
        int expected = 0;
        boolean[] alive = new boolean[10];
        for (int i = 0; i < v.numNodes(); i++) {
            alive[(int) x[2 * i]] = true;
        }
        for (int i = 0; i < 10; i++) {
            if (alive[i] && alive[(i + 1) % 10]) {
                expected += 2;
            }
        }
        assertEquals(expected, e);
    }

    @Test
    void keepsNodeOrder() {
        Graph v = new NodeDrop(0.5).apply(AugmentationsFixture.labelledRing(12), new Random(1));
        float[] x = v.x();
        for (int i = 1; i < v.numNodes(); i++) {
            assertTrue(x[2 * i] > x[2 * (i - 1)]);
        }
    }

    @Test
    void isDeterministicPerSeedAndIndex() {
        List<Graph> graphs =
                List.of(AugmentationsFixture.labelledRing(8), AugmentationsFixture.labelledRing(9));
        NodeDrop drop = new NodeDrop(0.4);
        assertEquals(drop.apply(graphs, 5), drop.apply(graphs, 5));
        assertNotEquals(drop.apply(graphs, 5), drop.apply(graphs, 6));
        // Graph 1's view does not depend on graph 0 being there.
        assertEquals(drop.apply(graphs, 5).get(1), drop.apply(graphs, 5).get(1));
        assertEquals(
                drop.apply(graphs.get(1), GraphAugmentation.generator(5, 1)),
                drop.apply(graphs, 5).get(1));
    }

    @Test
    void alwaysKeepsOneNode() {
        Graph single = Graph.builder(1, 1, new float[] {2}).build();
        assertSame(single, new NodeDrop(0.99).apply(single, new Random(0)));
        Graph two = AugmentationsFixture.labelledRing(2);
        assertEquals(1, new NodeDrop(0.99).apply(two, new Random(0)).numNodes());
    }

    @Test
    void rateZeroChangesNothing() {
        Graph g = AugmentationsFixture.labelledRing(6);
        assertEquals(g, new NodeDrop(0).apply(g, new Random(0)));
    }

    @Test
    void refusesARateOutsideZeroOne() {
        var e = assertThrows(InvalidArgumentException.class, () -> new NodeDrop(1.0));
        assertTrue(
                e.getMessage().contains("NodeDrop: rate must lie in [0, 1), got 1.0"),
                e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> new NodeDrop(-0.1));
        assertThrows(InvalidArgumentException.class, () -> new NodeDrop(Double.NaN));
    }
}
