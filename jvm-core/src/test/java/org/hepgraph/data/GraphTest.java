package org.hepgraph.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hepgraph.HepgraphException.InvalidGraphException;
import org.junit.jupiter.api.Test;

class GraphTest {

    private static Graph triangle(float first) {
        return Graph.builder(3, 2, new float[] {first, 1, 2, 3, 4, 5})
                .edges(new long[] {0, 1, 2, 1, 2, 0})
                .y(1)
                .build();
    }

    @Test
    void isImmutableAndPrintsItsShapes() {
        Graph g = triangle(0);
        float[] x = g.x();
        x[0] = 99;
        assertEquals(0f, g.x()[0]);
        assertEquals("Graph(x=[3, 2], edgeIndex=[2, 3], y=1)", g.toString());
        assertEquals(g, triangle(0));
    }

    @Test
    void validateNamesTheOutOfRangeEdge() {
        Graph g = Graph.builder(3, 1, new float[3]).edges(new long[] {0, 1, 1, 3}).build();
        var e = assertThrows(InvalidGraphException.class, () -> g.validate("graph 7"));
        assertTrue(
                e.getMessage()
                        .contains(
                                "graph 7: edgeIndex[1, 1] holds node 3 but the graph has 3 nodes"),
                e.getMessage());
    }

    @Test
    void validateNamesTheNonFiniteFeature() {
        var e = assertThrows(InvalidGraphException.class, () -> triangle(Float.NaN).validate());
        assertTrue(e.getMessage().contains("x[0, 0] is NaN"), e.getMessage());
    }

    @Test
    void validateRefusesAnEmptyGraph() {
        Graph empty = Graph.builder(0, 4, new float[0]).build();
        var e = assertThrows(InvalidGraphException.class, empty::validate);
        assertTrue(e.getMessage().contains("empty (0 nodes)"), e.getMessage());
    }

    @Test
    void builderRefusesLengthsThatDisagreeWithTheShape() {
        var e =
                assertThrows(
                        InvalidGraphException.class,
                        () -> Graph.builder(3, 2, new float[5]).build());
        assertTrue(
                e.getMessage().contains("x has 5 values but [N, F] = [3, 2] needs 6"),
                e.getMessage());
        var odd =
                assertThrows(
                        InvalidGraphException.class,
                        () -> Graph.builder(1, 1, new float[1]).edges(new long[] {0}).build());
        assertTrue(odd.getMessage().contains("odd length"), odd.getMessage());
    }
}
