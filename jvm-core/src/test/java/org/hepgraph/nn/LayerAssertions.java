package org.hepgraph.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;
import java.util.function.Function;
import org.hepgraph.HepgraphException.InvalidGraphException;

/**
 * The checks every layer test shares: shapes and names, node-permutation equivariance,
 * edge-permutation invariance, gradients against central finite differences, and rejection of
 * invalid graphs.
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

    /**
     * The output has {@code [N, outChannels]}, the block prints as {@code expectedName}, and a
     * forward pass leaves nothing behind in the long-lived manager.
     */
    static NDArray assertShapeAndName(
            Block block, NDManager m, GraphInput g, long outChannels, String expectedName) {
        assertEquals(expectedName, block.toString());
        assertForwardLeavesNothingBehind(block, m, g);
        NDArray out = forward(block, m, g, false);
        assertEquals(new Shape(g.numNodes(), outChannels), out.getShape(), expectedName);
        assertEquals(
                new Shape(g.numNodes(), outChannels),
                block.getOutputShapes(new Shape[] {g.x().getShape(), g.edgeIndex().getShape()})[0],
                "getOutputShapes of " + expectedName);
        return out;
    }

    /**
     * A forward pass on inputs owned by a batch scope ({@code m.newSubManager()}) puts its
     * intermediate arrays and its output in that scope: once the scope closes, the long-lived
     * manager {@code m} (which holds the parameters) owns exactly what it owned before.
     */
    static void assertForwardLeavesNothingBehind(Block block, NDManager m, GraphInput g) {
        int before = ownedBy(m);
        try (NDManager scope = m.newSubManager()) {
            GraphInput local =
                    new GraphInput(
                            copyInto(scope, g.x()),
                            copyInto(scope, g.edgeIndex()),
                            g.edgeAttr() == null ? null : copyInto(scope, g.edgeAttr()));
            NDArray out = forward(block, m, local, false);
            assertEquals(scope, out.getManager(), block + ": output outside the batch scope");
        }
        assertEquals(before, ownedBy(m), block + ": arrays left in the long-lived manager");
    }

    private static NDArray copyInto(NDManager scope, NDArray a) {
        NDArray copy = a.duplicate();
        copy.attach(scope);
        return copy;
    }

    /** The number of resources a manager holds (DJL keeps the map protected). */
    private static int ownedBy(NDManager m) {
        try {
            java.lang.reflect.Field resources =
                    ai.djl.ndarray.BaseNDManager.class.getDeclaredField("resources");
            resources.setAccessible(true);
            return ((java.util.Map<?, ?>) resources.get(m)).size();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read the resources of " + m, e);
        }
    }

    /**
     * Relabelling the nodes (rows of x and the ids in edgeIndex) permutes the output rows the same
     * way: new node k is old node perm[k], so out'[k] must equal out[perm[k]].
     */
    static void assertNodePermutationEquivariant(
            Block block, NDManager m, GraphInput g, long seed) {
        int n = g.numNodes();
        int[] perm = permutation(n, seed);
        long[] newId = new long[n];
        for (int k = 0; k < n; k++) {
            newId[perm[k]] = k;
        }
        long[] ei = g.edgeIndex().toLongArray();
        long[] relabelled = new long[ei.length];
        for (int i = 0; i < ei.length; i++) {
            relabelled[i] = newId[(int) ei[i]];
        }
        NDArray rows = m.create(toLong(perm));
        GraphInput permuted =
                new GraphInput(
                        g.x().get(rows),
                        m.create(relabelled, g.edgeIndex().getShape()),
                        g.edgeAttr());
        NDArray expected = forward(block, m, g, false).get(rows);
        NDArray actual = forward(block, m, permuted, false);
        assertAllClose(expected, actual, TOLERANCE, block + " under a node permutation");
    }

    /** Shuffling the edges (columns of edgeIndex with the rows of edgeAttr) changes nothing. */
    static void assertEdgePermutationInvariant(Block block, NDManager m, GraphInput g, long seed) {
        int e = g.numEdges();
        NDArray order = m.create(toLong(permutation(e, seed)));
        NDArray shuffledIndex = g.edgeIndex().get(new ai.djl.ndarray.index.NDIndex(":, {}", order));
        NDArray shuffledAttr = g.edgeAttr() == null ? null : g.edgeAttr().get(order);
        GraphInput shuffled = new GraphInput(g.x(), shuffledIndex, shuffledAttr);
        assertAllClose(
                forward(block, m, g, false),
                forward(block, m, shuffled, false),
                TOLERANCE,
                block + " under an edge permutation");
    }

    /**
     * The autograd gradient of {@code loss = Σ out ⊙ w} (w fixed random weights) with respect to x
     * and to the named parameter matches central finite differences in float64.
     */
    static void assertGradientsMatchFiniteDifferences(
            Block block, NDManager m, GraphInput g, String parameterName, long seed) {
        Parameter parameter = parameter(block, parameterName);
        NDArray out0 = forward(block, m, g, false);
        NDArray w = normal(m, new Random(seed), (int) out0.getShape().get(0), (int) out0.size(1));
        NDArray x = g.x().duplicate();
        NDArray p = parameter.getArray();
        NDArray gradX;
        NDArray gradP;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            x.setRequiresGradient(true);
            NDArray loss = forward(block, m, g.withX(x), true).mul(w).sum();
            gc.backward(loss);
            gradX = x.getGradient().duplicate();
            gradP = p.getGradient().duplicate();
        }
        Function<NDArray, Double> lossOfX =
                xs -> forward(block, m, g.withX(xs), false).mul(w).sum().getDouble();
        assertClose(
                numericGradient(lossOfX, g.x()), gradX.toDoubleArray(), block + ": d loss / d x");
        double[] pv = p.toDoubleArray();
        double[] numeric = new double[pv.length];
        for (int i = 0; i < pv.length; i++) {
            double keep = pv[i];
            pv[i] = keep + FD_STEP;
            p.set(pv);
            double plus = lossOfX.apply(g.x());
            pv[i] = keep - FD_STEP;
            p.set(pv);
            double minus = lossOfX.apply(g.x());
            pv[i] = keep;
            p.set(pv);
            numeric[i] = (plus - minus) / (2 * FD_STEP);
        }
        assertClose(numeric, gradP.toDoubleArray(), block + ": d loss / d " + parameterName);
        assertTrue(
                java.util.Arrays.stream(numeric).anyMatch(v -> Math.abs(v) > 1e-3),
                block + ": the gradient of " + parameterName + " is all zero; pick other inputs");
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

    /** Every layer rejects the same broken graphs with messages that name the layer. */
    static void assertRejectsInvalidGraphs(Block block, NDManager m, int inChannels, int edgeDim) {
        String name = block.getClass().getSimpleName();
        GraphInput g = randomGraph(m, 7, 4, inChannels, 5, edgeDim);
        initialized(block, m, g);

        GraphInput wide = g.withX(m.zeros(new Shape(4, inChannels + 1), DataType.FLOAT64));
        assertMessage(block, m, wide, name, "[N, " + inChannels + "]");

        double[] nan = g.x().toDoubleArray();
        nan[1] = Double.NaN;
        assertMessage(block, m, g.withX(m.create(nan, g.x().getShape())), name, "NaN");

        GraphInput empty =
                new GraphInput(
                        m.zeros(new Shape(0, inChannels), DataType.FLOAT64),
                        m.zeros(new Shape(2, 0), DataType.INT64),
                        edgeDim > 0 ? m.zeros(new Shape(0, edgeDim), DataType.FLOAT64) : null);
        assertMessage(block, m, empty, name, "0 nodes");

        long[] ei = g.edgeIndex().toLongArray();
        ei[ei.length - 1] = 4;
        GraphInput outOfRange =
                new GraphInput(g.x(), m.create(ei, g.edgeIndex().getShape()), g.edgeAttr());
        assertMessage(block, m, outOfRange, name, "holds node 4 but the graph has 4 nodes");
    }

    private static void assertMessage(Block block, NDManager m, GraphInput g, String... fragments) {
        InvalidGraphException e =
                assertThrows(InvalidGraphException.class, () -> forward(block, m, g, false));
        for (String f : fragments) {
            assertTrue(
                    e.getMessage().contains(f),
                    "message should contain '" + f + "': " + e.getMessage());
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
