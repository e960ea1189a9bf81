package org.hepgraph.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.junit.jupiter.api.Test;

class EdgePlanTest {

    /**
     * Random graphs with what makes indexing hard: isolated nodes, self loops, duplicate edges, a
     * graph without edges and single-node graphs.
     */
    static List<Graph> awkwardGraphs(long seed, int count) {
        Random rnd = new Random(seed);
        List<Graph> graphs = new ArrayList<>();
        for (int g = 0; g < count; g++) {
            int n = 1 + rnd.nextInt(9);
            int e = g == 1 ? 0 : rnd.nextInt(3 * n + 1);
            long[] ei = new long[2 * e];
            for (int k = 0; k < e; k++) {
                ei[k] = rnd.nextInt(n);
                // Targets avoid the last node, which is then isolated unless it sends.
                ei[e + k] = n == 1 ? 0 : rnd.nextInt(n - 1);
            }
            if (e > 1) {
                ei[1] = ei[0]; // a duplicate edge
                ei[e + 1] = ei[e];
                ei[e - 1] = ei[2 * e - 1]; // a self loop
            }
            float[] x = new float[n * 2];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rnd.nextGaussian();
            }
            graphs.add(Graph.builder(n, 2, x).edges(ei).y(g % 2).build());
        }
        return graphs;
    }

    @Test
    void planEqualsANaiveReferenceOnAwkwardGraphs() {
        for (long seed = 0; seed < 5; seed++) {
            List<Graph> graphs = awkwardGraphs(seed, 12);
            try (NDManager m = NDManager.newBaseManager()) {
                GraphBatch batch = GraphBatch.of(m, graphs);
                EdgePlan plan = batch.plan();
                long[] ei = batch.edgeIndex().toLongArray();
                int e = ei.length / 2;
                long[] src = Arrays.copyOfRange(ei, 0, e);
                long[] dst = Arrays.copyOfRange(ei, e, 2 * e);
                int n = (int) batch.numNodes();
                assertArrayEquals(src, plan.source());
                assertArrayEquals(dst, plan.target());

                int[] degree = new int[n];
                for (long t : dst) {
                    degree[(int) t]++;
                }
                assertArrayEquals(degree, plan.inDegree());
                int maxDegree = Arrays.stream(degree).max().orElse(0);
                assertEquals(maxDegree, plan.maxInDegree());
                boolean sorted = true;
                for (int k = 1; k < e; k++) {
                    sorted &= dst[k - 1] <= dst[k];
                }
                assertEquals(sorted, plan.sortedByTarget());
                assertEquals(
                        Arrays.stream(degree).allMatch(d -> d == degree[0]) ? degree[0] : -1,
                        plan.uniformInDegree());

                long[] ptr = batch.ptr();
                long[] graphOf = new long[n];
                for (int g = 0; g < graphs.size(); g++) {
                    for (long i = ptr[g]; i < ptr[g + 1]; i++) {
                        graphOf[(int) i] = g;
                    }
                }
                assertArrayEquals(graphOf, batch.batch().toLongArray());

                // Slot table: each node's used slots hold exactly its incoming edges.
                int d = Math.max(1, maxDegree);
                long[] slots = plan.targetSlots().toLongArray();
                float[] ones = plan.slotWeights(false, DataType.FLOAT32).toFloatArray();
                float[] means = plan.slotWeights(true, DataType.FLOAT32).toFloatArray();
                for (int i = 0; i < n; i++) {
                    List<Long> expected = new ArrayList<>();
                    for (int k = 0; k < e; k++) {
                        if (dst[k] == i) {
                            expected.add((long) k);
                        }
                    }
                    List<Long> got = new ArrayList<>();
                    for (int s = 0; s < d; s++) {
                        float w = ones[i * d + s];
                        assertEquals(s < degree[i] ? 1f : 0f, w, "node " + i + " slot " + s);
                        assertEquals(s < degree[i] ? 1f / degree[i] : 0f, means[i * d + s], 1e-7f);
                        if (w > 0) {
                            got.add(slots[i * d + s]);
                        }
                    }
                    assertEquals(expected, got, "incoming edges of node " + i);
                }

                // Padded layout round trip and dense adjacency counts (duplicates count twice).
                int p = plan.maxGraphSize();
                long[] padded = plan.paddedNodes().toLongArray();
                long[] unpadded = plan.unpaddedNodes().toLongArray();
                for (int i = 0; i < n; i++) {
                    assertEquals(i, padded[(int) unpadded[i]]);
                }
                float[] adjacency = plan.denseAdjacency(false, DataType.FLOAT32).toFloatArray();
                float[] counted = new float[graphs.size() * p * p];
                for (int k = 0; k < e; k++) {
                    int g = (int) graphOf[(int) dst[k]];
                    counted[(int) ((g * p + dst[k] - ptr[g]) * p + src[k] - ptr[g])] += 1;
                }
                assertArrayEquals(counted, adjacency);
                float[] weights = plan.graphWeights(true, DataType.FLOAT32).toFloatArray();
                for (int g = 0; g < graphs.size(); g++) {
                    int size = (int) (ptr[g + 1] - ptr[g]);
                    for (int s = 0; s < p; s++) {
                        assertEquals(s < size ? 1f / size : 0f, weights[g * p + s], 1e-7f);
                    }
                }

                EdgePlan looped = plan.withSelfLoops();
                assertSame(looped, plan.withSelfLoops(), "self loops are built once per plan");
                assertEquals(e + n, looped.numEdges());
                for (int i = 0; i < n; i++) {
                    assertEquals(degree[i] + 1, looped.inDegree()[i]);
                }
            }
        }
    }

    @Test
    void oneBuildPerBatchFoundFromItsArraysAndGoneWithItsScope() {
        List<Graph> graphs = awkwardGraphs(3, 6);
        try (NDManager m = NDManager.newBaseManager()) {
            EdgePlan plan;
            NDArray edgeIndex;
            try (NDManager scope = m.newSubManager()) {
                long before = EdgePlan.builds();
                GraphBatch batch = GraphBatch.of(scope, graphs);
                assertEquals(before + 1, EdgePlan.builds());
                plan = batch.plan();
                edgeIndex = batch.edgeIndex();
                assertSame(plan, EdgePlan.lookup(edgeIndex));
                assertSame(plan, EdgePlan.lookup(batch.batch()));
                batch.get(2);
                batch.toGraphs();
                assertEquals(before + 1, EdgePlan.builds(), "accessors build nothing");
                assertNull(EdgePlan.lookup(batch.x()), "x is not an index array");
            }
            assertNull(EdgePlan.lookup(edgeIndex), "a closed scope closes its plan");
        }
    }

    @Test
    void aSingleGraphBatchAndGraphsWithoutNodesPlanToo() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Graph 1 has no nodes (ptr repeats); graph 0 has no edges.
            EdgePlan plan =
                    EdgePlan.build(
                            new long[] {2, 3},
                            new long[] {3, 2},
                            4,
                            new long[] {0, 2, 2, 4},
                            m,
                            "test");
            assertEquals(3, plan.numGraphs());
            assertArrayEquals(new long[] {0, 0, 2, 2}, plan.batchVector().toLongArray());
            assertArrayEquals(new boolean[] {true, false, true}, plan.hasNodes().toBooleanArray());
            assertArrayEquals(new int[] {0, 0, 1, 1}, plan.inDegree());
            assertEquals(-1, plan.uniformInDegree());
            assertFalse(plan.sortedByTarget());
        }
    }

    @Test
    void badIndicesFailWhenTheBatchIsBuilt() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.zeros(new Shape(5, 2));
            NDArray bad = m.create(new long[] {0, 1, 2, 3, 1, 2, 3, 9}, new Shape(2, 4));
            InvalidGraphException e =
                    assertThrows(
                            InvalidGraphException.class,
                            () -> GraphBatch.fromArrays(x, bad, null, new long[] {0, 5}, null));
            assertTrue(
                    e.getMessage()
                            .contains(
                                    "GraphBatch.fromArrays: edgeIndex[1, 3] holds node 9 but the "
                                            + "graph has 5 nodes; indices must lie in [0, 5)"),
                    e.getMessage());

            NDArray negative = m.create(new long[] {0, -1, 1, 2}, new Shape(2, 2));
            e =
                    assertThrows(
                            InvalidGraphException.class,
                            () ->
                                    GraphBatch.fromArrays(
                                            x, negative, null, new long[] {0, 5}, null));
            assertTrue(e.getMessage().contains("edgeIndex[0, 1] holds node -1"), e.getMessage());

            NDArray ok = m.create(new long[] {0, 1, 1, 0}, new Shape(2, 2));
            e =
                    assertThrows(
                            InvalidGraphException.class,
                            () ->
                                    EdgePlan.build(
                                            new long[] {0},
                                            new long[] {1},
                                            5,
                                            new long[] {0, 3, 2, 5},
                                            m,
                                            "test"));
            assertTrue(
                    e.getMessage().contains("ptr [0, 3, 2, 5] must start at 0, never decrease"),
                    e.getMessage());

            NDArray nan =
                    m.create(new float[] {0, 1, Float.NaN, 3, 4, 5, 6, 7, 8, 9}, new Shape(5, 2));
            e =
                    assertThrows(
                            InvalidGraphException.class,
                            () -> GraphBatch.fromArrays(nan, ok, null, new long[] {0, 5}, null));
            assertTrue(e.getMessage().contains("NaN"), e.getMessage());

            Graph g = Graph.builder(2, 2, new float[] {0, 1, Float.NaN, 3}).build();
            e =
                    assertThrows(
                            InvalidGraphException.class,
                            () -> GraphBatch.of(m, List.of(g.withLabel(0), g)));
            assertTrue(
                    e.getMessage().contains("GraphBatch.of: graph 0: x[1, 0] is NaN"),
                    e.getMessage());
        }
    }
}
