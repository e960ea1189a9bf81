package org.hepgraph.nn;

import static org.hepgraph.nn.LayerAssertions.TOLERANCE;
import static org.hepgraph.nn.LayerAssertions.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.junit.jupiter.api.Test;

class GlobalPoolTest {

    // Graph 0: nodes (1, -2), (3, 4). Graph 1: nodes (-1, 0), (5, -6), (2, 2).
    private static final float[] G0 = {1, -2, 3, 4};
    private static final float[] G1 = {-1, 0, 5, -6, 2, 2};
    private static final double[] SUM = {4, 2, 6, -4};
    private static final double[] MEAN = {2, 1, 2, -4.0 / 3};
    private static final double[] MAX = {3, 4, 5, 2};

    @Test
    void poolsATwoGraphBatchVector() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, -2, 3, 4, -1, 0, 5, -6, 2, 2}, new Shape(5, 2));
            NDArray batch = m.create(new long[] {0, 0, 1, 1, 1});
            assertEquals(new Shape(2, 2), GlobalPool.add(x, batch, 2).getShape());
            assertAllClose(SUM, GlobalPool.add(x, batch, 2), TOLERANCE, "add");
            assertAllClose(MEAN, GlobalPool.mean(x, batch, 2), TOLERANCE, "mean");
            assertAllClose(MAX, GlobalPool.max(x, batch, 2), TOLERANCE, "max");
        }
    }

    @Test
    void poolsAGraphBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            GraphBatch batch =
                    GraphBatch.of(
                            m,
                            List.of(
                                    Graph.builder(2, 2, G0).build(),
                                    Graph.builder(3, 2, G1).build()));
            assertAllClose(SUM, GlobalPool.add(batch.x(), batch), TOLERANCE, "add");
            assertAllClose(MEAN, GlobalPool.mean(batch.x(), batch), TOLERANCE, "mean");
            assertAllClose(MAX, GlobalPool.max(batch.x(), batch), TOLERANCE, "max");
        }
    }

    @Test
    void aGraphWithoutNodesPoolsToZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, -2, 3, 4}, new Shape(2, 2));
            NDArray batch = m.create(new long[] {0, 0});
            assertAllClose(new double[] {3, 4, 0, 0}, GlobalPool.max(x, batch, 2), 0, "max");
            assertAllClose(new double[] {2, 1, 0, 0}, GlobalPool.mean(x, batch, 2), 0, "mean");
        }
    }
}
