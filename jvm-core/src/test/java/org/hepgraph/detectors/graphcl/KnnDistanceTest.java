package org.hepgraph.detectors.graphcl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class KnnDistanceTest {

    @Test
    void meanDistanceToTheKNearestOnALine() {
        // Bank on a line at 0, 1, 3, 7; query 2 is at distances 2, 1, 1, 5 → k = 2: 1; k = 3: 4/3.
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray bank = m.create(new float[] {0, 0, 1, 0, 3, 0, 7, 0}, new Shape(4, 2));
            NDArray q = m.create(new float[] {2, 0, 7, 0, 0, 4}, new Shape(3, 2));
            assertArrayEquals(
                    new float[] {1f, 2f, (4 + (float) Math.sqrt(17)) / 2},
                    KnnDistance.meanDistance(q, bank, 2).toFloatArray(),
                    1e-5f);
            assertArrayEquals(
                    new float[] {4f / 3, (4 + 6) / 3f},
                    Arrays.copyOf(KnnDistance.meanDistance(q, bank, 3).toFloatArray(), 2),
                    1e-5f);
        }
    }

    @Test
    void agreesWithABruteForceLoopOnRandomPoints() {
        Random r = new Random(3);
        int qn = 37;
        int mn = 53;
        int d = 5;
        int k = 4;
        float[] q = new float[qn * d];
        float[] b = new float[mn * d];
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextGaussian();
        }
        float[] expected = new float[qn];
        for (int i = 0; i < qn; i++) {
            double[] dist = new double[mn];
            for (int j = 0; j < mn; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double diff = q[i * d + c] - b[j * d + c];
                    s += diff * diff;
                }
                dist[j] = Math.sqrt(s);
            }
            Arrays.sort(dist);
            expected[i] = (float) ((dist[0] + dist[1] + dist[2] + dist[3]) / k);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            float[] got =
                    KnnDistance.meanDistance(
                                    m.create(q, new Shape(qn, d)), m.create(b, new Shape(mn, d)), k)
                            .toFloatArray();
            assertArrayEquals(expected, got, 1e-4f);
            float[] blocked =
                    KnnDistance.meanDistance(
                                    m.create(q, new Shape(qn, d)),
                                    m.create(b, new Shape(mn, d)),
                                    k,
                                    7)
                            .toFloatArray();
            assertArrayEquals(got, blocked, 1e-6f);
        }
    }

    @Test
    void staysExactFarFromTheOrigin() {
        // In plain float32 the expansion ‖q‖² + ‖r‖² − 2 q·r loses ~0.03 at norms of 1000.
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray bank = m.create(new float[] {1000, 0, 1000, 1, 1000, -3}, new Shape(3, 2));
            NDArray q = m.create(new float[] {1000, 0.1f, 1000, 0}, new Shape(2, 2));
            assertArrayEquals(
                    new float[] {0.1f, 0f},
                    KnnDistance.meanDistance(q, bank, 1).toFloatArray(),
                    1e-4f);
        }
    }

    @Test
    void refusesKLargerThanTheBank() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray bank = m.zeros(new Shape(3, 2));
            var e =
                    assertThrows(
                            InvalidArgumentException.class,
                            () -> KnnDistance.meanDistance(bank, bank, 5));
            assertTrue(
                    e.getMessage()
                            .contains("k must lie in [1, 3] (the bank holds 3 embeddings), got 5"),
                    e.getMessage());
        }
    }
}
