package org.hepgraph.nn;

import static org.hepgraph.nn.LayerAssertions.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The self-loop variants of {@link Edges} used by GCNConv and GATConv. */
class EdgesSelfLoopsTest {

    /** Edges 0→1, 1→1, 2→0, 1→1 on 3 nodes: two self loops at node 1. */
    private static Edges edges(NDManager m) {
        return Edges.of(
                edgeIndex(m, new long[] {0, 1, 2, 1}, new long[] {1, 1, 0, 1}),
                3,
                "EdgesSelfLoopsTest");
    }

    @Test
    void withoutSelfLoopsKeepsTheOtherEdgesInOrder() {
        try (NDManager m = NDManager.newBaseManager()) {
            Edges e = edges(m);
            assertArrayEquals(new long[] {0, 2}, e.nonSelfLoopIds());
            Edges free = e.withoutSelfLoops(m);
            assertArrayEquals(new long[] {0, 2}, free.source());
            assertArrayEquals(new long[] {1, 0}, free.target());
            assertEquals(3, free.numNodes());
        }
    }

    @Test
    void remainingSelfLoopsKeepTheLastExistingWeightAndFillTheRest() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray weight = m.create(new double[] {5, 6, 7, 8});
            Edges.Weighted looped = edges(m).withRemainingSelfLoops(m, weight, 2f);
            assertArrayEquals(new long[] {0, 2, 0, 1, 2}, looped.edges().source());
            assertArrayEquals(new long[] {1, 0, 0, 1, 2}, looped.edges().target());
            // Node 1 keeps 8 (its last self loop, as PyG's scatter assignment), 0 and 2 get 2.
            assertAllClose(new double[] {5, 7, 2, 8, 2}, looped.weight(), 0, "weights");
            assertEquals(new Shape(5), looped.weight().getShape());
        }
    }
}
