package org.hepgraph.nn;

import static org.hepgraph.nn.LayerAssertions.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import java.util.function.Function;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.junit.jupiter.api.Test;

class SegmentTest {

    private static final int ROWS = 20;
    private static final int WIDTH = 3;
    private static final int SEGMENTS = 7;

    /** Group ids drawn from {0, 2, 3, 5} only, so segments 1, 4 and 6 are empty. */
    private static long[] groups(long seed) {
        long[] used = {0, 2, 3, 5};
        Random rnd = new Random(seed);
        long[] idx = new long[ROWS];
        for (int i = 0; i < ROWS; i++) {
            idx[i] = used[rnd.nextInt(used.length)];
        }
        return idx;
    }

    /** Java reference: reduce rows into groups; an empty group gives 0. */
    private static double[] reference(double[] v, long[] idx, String op) {
        double[] out = new double[SEGMENTS * WIDTH];
        int[] count = new int[SEGMENTS];
        for (long s : idx) {
            count[(int) s]++;
        }
        for (int s = 0; s < SEGMENTS; s++) {
            for (int f = 0; f < WIDTH; f++) {
                double acc = op.equals("max") ? Double.NEGATIVE_INFINITY : 0;
                for (int e = 0; e < idx.length; e++) {
                    if (idx[e] == s) {
                        double value = v[e * WIDTH + f];
                        acc = op.equals("max") ? Math.max(acc, value) : acc + value;
                    }
                }
                if (count[s] == 0) {
                    acc = 0;
                } else if (op.equals("mean")) {
                    acc /= count[s];
                }
                out[s * WIDTH + f] = acc;
            }
        }
        return out;
    }

    private static NDArray apply(String op, NDArray values, NDArray index, int segments) {
        return switch (op) {
            case "sum" -> Segment.sum(values, index, segments);
            case "mean" -> Segment.mean(values, index, segments);
            default -> Segment.max(values, index, segments);
        };
    }

    @Test
    void matchesJavaReferenceWithEmptySegments() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                NDArray values = normal(m, new Random(1), ROWS, WIDTH).toType(type, false);
                long[] idx = groups(2);
                NDArray index = m.create(idx);
                double[] v = values.toType(DataType.FLOAT64, false).toDoubleArray();
                for (String op : new String[] {"sum", "mean", "max"}) {
                    NDArray out = apply(op, values, index, SEGMENTS);
                    assertEquals(new Shape(SEGMENTS, WIDTH), out.getShape(), op);
                    assertEquals(type, out.getDataType(), op);
                    assertAllClose(
                            reference(v, idx, op), out.toType(DataType.FLOAT64, false), 1e-5, op);
                }
            }
        }
    }

    @Test
    void keepsTrailingDimensionsAndAcceptsOneDimensionalValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray index = m.create(new long[] {1, 0, 1});
            NDArray cube = m.arange(12f, 24f, 1f, DataType.FLOAT64).reshape(3, 2, 2);
            assertEquals(new Shape(2, 2, 2), Segment.sum(cube, index, 2).getShape());
            assertEquals(new Shape(2, 2, 2), Segment.max(cube, index, 2).getShape());
            NDArray flat = m.create(new double[] {1, 2, 4});
            assertAllClose(new double[] {2, 5}, Segment.sum(flat, index, 2), 0, "1-D sum");
            assertAllClose(new double[] {2, 4}, Segment.max(flat, index, 2), 0, "1-D max");
        }
    }

    @Test
    void noRowsGiveZeros() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray values = m.zeros(new Shape(0, WIDTH), DataType.FLOAT64);
            NDArray index = m.zeros(new Shape(0), DataType.INT64);
            for (String op : new String[] {"sum", "mean", "max"}) {
                NDArray out = apply(op, values, index, 2);
                assertAllClose(new double[2 * WIDTH], out, 0, op + " of no rows");
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        // Max picks one row per group and column; Gaussian values have no ties.
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray values = normal(m, new Random(3), ROWS, WIDTH);
            NDArray index = m.create(groups(4));
            NDArray w = normal(m, new Random(5), SEGMENTS, WIDTH);
            for (String op : new String[] {"sum", "mean", "max"}) {
                Function<NDArray, Double> loss =
                        v -> apply(op, v, index, SEGMENTS).mul(w).sum().getDouble();
                NDArray input = values.duplicate();
                NDArray grad;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    input.setRequiresGradient(true);
                    gc.backward(apply(op, input, index, SEGMENTS).mul(w).sum());
                    grad = input.getGradient().duplicate();
                }
                assertClose(numericGradient(loss, values), grad.toDoubleArray(), "Segment." + op);
            }
        }
    }

    @Test
    void outOfRangeIndexIsNamed() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray values = m.ones(new Shape(4, 2));
            for (long bad : new long[] {3, -1}) {
                NDArray index = m.create(new long[] {0, 1, bad, 0});
                for (String op : new String[] {"sum", "mean", "max"}) {
                    InvalidGraphException e =
                            assertThrows(
                                    InvalidGraphException.class, () -> apply(op, values, index, 3));
                    assertTrue(
                            e.getMessage().contains("index[2] = " + bad)
                                    && e.getMessage().contains("Segment." + op),
                            e.getMessage());
                }
            }
            InvalidGraphException e =
                    assertThrows(
                            InvalidGraphException.class,
                            () -> Segment.sum(values, m.create(new long[] {0, 1}), 3));
            assertTrue(e.getMessage().contains("values has 4 rows"), e.getMessage());
        }
    }
}
