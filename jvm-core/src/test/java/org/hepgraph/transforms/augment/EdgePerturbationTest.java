package org.hepgraph.transforms.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.junit.jupiter.api.Test;

class EdgePerturbationTest {

    @Test
    void dropsThenAddsTheStatedNumberOfEdges() {
        Graph g = AugmentationsFixture.labelledRing(10); // 20 edges
        Graph v = new EdgePerturbation(0.25, 0.1).apply(g, new Random(7));
        assertEquals(20 - 5 + 2, v.numEdges());
        assertEquals(g.numNodes(), v.numNodes());
        assertArrayEquals(g.x(), v.x());
        assertArrayEquals(g.pos(), v.pos());
        assertEquals(1, v.y());
        v.validate();
        long[] ei = v.edgeIndex();
        float[] ea = v.edgeAttr();
        int e = v.numEdges();
        // The 15 kept edges are ring edges with their own features; the 2 added are not loops.
        for (int k = 0; k < 15; k++) {
            assertEquals(100 * ei[k] + ei[e + k], ea[k]);
        }
        for (int k = 15; k < e; k++) {
            assertNotEquals(ei[k], ei[e + k]);
            assertEquals(0f, ea[k]);
        }
    }

    @Test
    void ofKeepsTheEdgeCount() {
        Graph g = AugmentationsFixture.labelledRing(10);
        Graph v = EdgePerturbation.of(0.2).apply(g, new Random(1));
        assertEquals(20, v.numEdges());
        assertNotEquals(g, v);
    }

    @Test
    void isDeterministicPerSeed() {
        List<Graph> graphs = List.of(AugmentationsFixture.labelledRing(12));
        EdgePerturbation p = EdgePerturbation.of(0.3);
        assertEquals(p.apply(graphs, 9), p.apply(graphs, 9));
        assertNotEquals(p.apply(graphs, 9), p.apply(graphs, 10));
    }

    @Test
    void addsNothingToASingleNode() {
        Graph single = Graph.builder(1, 1, new float[] {2}).edges(new long[] {0, 0}).build();
        Graph v = EdgePerturbation.of(0.5).apply(single, new Random(0));
        assertEquals(1, v.numEdges());
    }

    @Test
    void refusesBadRatesNamingWhich() {
        var e = assertThrows(InvalidArgumentException.class, () -> new EdgePerturbation(0.1, 2));
        assertTrue(
                e.getMessage().contains("EdgePerturbation: addRate must lie in [0, 1), got 2.0"),
                e.getMessage());
    }
}
