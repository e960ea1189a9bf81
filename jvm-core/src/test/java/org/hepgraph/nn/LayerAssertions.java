package org.hepgraph.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Random;
import java.util.function.Function;

/**
 * Inputs and comparisons shared by the layer tests: random float64 graphs, seeded initialisation,
 * known parameter values, closeness and central finite differences. The checks every layer meets
 * live in {@link LayerContractTest}.
 *
 * <p>Everything runs in float64 (blocks initialised with {@link DataType#FLOAT64}), so finite
 * differences are accurate to ~1e-9 and the tolerances below are far from the size of any real
 * error.
 */
final class LayerAssertions {

    /** Tolerance for outputs that must agree up to float64 rounding. */
    static final double TOLERANCE = 1e-5;

    /** Step of the central differences (float64: truncation ~1e-12, rounding ~1e-10). */
    static final double FD_STEP = 1e-6;

    /** Tolerance on gradients: |analytic - numeric| ≤ FD_ATOL + FD_RTOL·|numeric|. */
    static final double FD_ATOL = 1e-6;

    static final double FD_RTOL = 1e-5;

    private LayerAssertions() {}

    /** A graph as a layer receives it; {@code edgeAttr} may be null. */
    record GraphInput(NDArray x, NDArray edgeIndex, NDArray edgeAttr) {
        NDList list() {
            return edgeAttr == null ? new NDList(x, edgeIndex) : new NDList(x, edgeIndex, edgeAttr);
        }

        int numNodes() {
            return (int) x.getShape().get(0);
        }

        int numEdges() {
            return (int) edgeIndex.getShape().get(1);
        }

        GraphInput withX(NDArray newX) {
            return new GraphInput(newX, edgeIndex, edgeAttr);
        }
    }

    /**
     * A random float64 graph: {@code numNodes} nodes with {@code features} standard-normal
     * features, {@code numEdges} random edges (no self loops, no duplicates) and, when {@code
     * edgeDim > 0}, random edge features. Continuous random values make ties (where max is not
     * differentiable) have probability zero.
     */
    static GraphInput randomGraph(
            NDManager m, long seed, int numNodes, int features, int numEdges, int edgeDim) {
        Random rnd = new Random(seed);
        long[] src = new long[numEdges];
        long[] dst = new long[numEdges];
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int e = 0; e < numEdges; ) {
            long s = rnd.nextInt(numNodes);
            long t = rnd.nextInt(numNodes);
            if (s != t && seen.add(s * numNodes + t)) {
                src[e] = s;
                dst[e] = t;
                e++;
            }
        }
        NDArray edgeAttr = edgeDim > 0 ? normal(m, rnd, numEdges, edgeDim) : null;
        return new GraphInput(normal(m, rnd, numNodes, features), edgeIndex(m, src, dst), edgeAttr);
    }

    static NDArray normal(NDManager m, Random rnd, int rows, int cols) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        return m.create(v, new Shape(rows, cols));
    }

    static NDArray edgeIndex(NDManager m, long[] src, long[] dst) {
        long[] flat = new long[2 * src.length];
        System.arraycopy(src, 0, flat, 0, src.length);
        System.arraycopy(dst, 0, flat, src.length, dst.length);
        return m.create(flat, new Shape(2, src.length));
    }

    /** The seed of the engine's generator, which draws the initial parameters. */
    static final int INIT_SEED = 1234;

    /**
     * Initialises {@code block} in float64 for the given graph, from a fixed engine seed so that
     * every run draws the same parameters.
     */
    static <B extends Block> B initialized(B block, NDManager m, GraphInput g) {
        Engine.getInstance().setRandomSeed(INIT_SEED);
        block.initialize(m, DataType.FLOAT64, g.x().getShape(), g.edgeIndex().getShape());
        return block;
    }

    static NDArray forward(Block block, NDManager m, GraphInput g, boolean training) {
        return block.forward(new ParameterStore(m, false), g.list(), training).singletonOrThrow();
    }

    /** Central differences of a scalar function of one float64 array, entry by entry. */
    static double[] numericGradient(Function<NDArray, Double> f, NDArray at) {
        double[] v = at.toDoubleArray();
        double[] grad = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double keep = v[i];
            v[i] = keep + FD_STEP;
            double plus = f.apply(at.getManager().create(v, at.getShape()));
            v[i] = keep - FD_STEP;
            double minus = f.apply(at.getManager().create(v, at.getShape()));
            v[i] = keep;
            grad[i] = (plus - minus) / (2 * FD_STEP);
        }
        return grad;
    }

    static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double allowed = FD_ATOL + FD_RTOL * Math.abs(expected[i]);
            if (!(Math.abs(expected[i] - actual[i]) <= allowed)) {
                fail(
                        String.format(
                                "%s: entry %d is %.9g but finite differences give %.9g",
                                what, i, actual[i], expected[i]));
            }
        }
    }

    /** The parameter whose full name (as in {@code block.getParameters()}) is {@code name}. */
    static Parameter parameter(Block block, String name) {
        Parameter p = block.getParameters().get(name);
        if (p == null) {
            fail("no parameter " + name + " in " + block.getParameters().keys());
        }
        return p;
    }

    /** Sets a parameter, row-major, to known values (in the block's data type). */
    static void setParameter(Block block, String name, double... values) {
        NDArray array = parameter(block, name).getArray();
        assertEquals(array.size(), values.length, name + " has shape " + array.getShape());
        array.set(values);
    }

    /** Compares in float64 whatever the array's floating-point type. */
    static void assertAllClose(double[] expected, NDArray actual, double tol, String what) {
        assertArrayEquals(expected, asDoubles(actual), tol, what);
    }

    static void assertAllClose(NDArray expected, NDArray actual, double tol, String what) {
        assertEquals(expected.getShape(), actual.getShape(), what + ": shape");
        assertArrayEquals(asDoubles(expected), asDoubles(actual), tol, what);
    }

    private static double[] asDoubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        Random rnd = new Random(seed);
        boolean identity = true;
        while (identity && n > 1) {
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            for (int i = 0; i < n; i++) {
                identity &= p[i] == i;
            }
        }
        return p;
    }

    private static long[] toLong(int[] a) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i];
        }
        return r;
    }
}
