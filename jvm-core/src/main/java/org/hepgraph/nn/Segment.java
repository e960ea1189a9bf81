package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.hepgraph.HepgraphException.InvalidGraphException;

/**
 * Segment reductions: rows of {@code values [E, F]} summed, averaged or maxed into {@code
 * numSegments} groups given by {@code index [E]}, the job PyG does with {@code scatter}.
 *
 * <p>DJL 0.36 has no scatter_add or index_add (stack-notes §3), so:
 *
 * <ul>
 *   <li>sum: a constant sparse-COO incidence matrix {@code S [numSegments, E]} with ones at {@code
 *       (index[e], e)}; {@code S.matMul(values)}. Gradients flow to {@code values}.
 *   <li>mean: the sum divided by the group size (at least 1).
 *   <li>max: rows gathered into a padded {@code [numSegments, maxSize, F]} block and reduced with
 *       {@code max}; empty groups give 0, as in PyG.
 * </ul>
 *
 * The index is read to the host once per call to build these constant structures.
 */
public final class Segment {

    private Segment() {}

    /** {@code out[s] = Σ_{e: index[e] = s} values[e]}; {@code values [E, F]} → {@code [S, F]}. */
    public static NDArray sum(NDArray values, NDArray index, int numSegments) {
        long[] idx = hostIndex(values, index, numSegments, "Segment.sum");
        return sum(values, idx, numSegments);
    }

    static NDArray sum(NDArray values, long[] idx, int numSegments) {
        return reduce(values, idx, numSegments, false);
    }

    /** {@code out[s]} = mean of the rows of group {@code s}, 0 for an empty group. */
    public static NDArray mean(NDArray values, NDArray index, int numSegments) {
        return mean(values, hostIndex(values, index, numSegments, "Segment.mean"), numSegments);
    }

    static NDArray mean(NDArray values, long[] idx, int numSegments) {
        NDArray sum = sum(values, idx, numSegments);
        return sum.div(counts(values.getManager(), idx, numSegments, sum.getShape()));
    }

    /** {@code out[s]} = elementwise max of the rows of group {@code s}, 0 for an empty group. */
    public static NDArray max(NDArray values, NDArray index, int numSegments) {
        long[] idx = hostIndex(values, index, numSegments, "Segment.max");
        return max(values, idx, numSegments);
    }

    static NDArray max(NDArray values, long[] idx, int numSegments) {
        return reduce(values, idx, numSegments, true);
    }

    /**
     * Gathers the rows of each group into a padded {@code [S, maxSize, F]} block (unused slots
     * point at one padding row: 0 for a sum, -inf for a max) and reduces over the slots.
     */
    private static NDArray reduce(NDArray values, long[] idx, int numSegments, boolean max) {
        NDManager m = values.getManager();
        int e = idx.length;
        Shape valueShape = values.getShape();
        long width = rowWidth(valueShape);
        NDArray flat = values.reshape(e, width);
        int[] size = new int[numSegments];
        for (long s : idx) {
            size[(int) s]++;
        }
        int maxSize = 1;
        for (int s : size) {
            maxSize = Math.max(maxSize, s);
        }
        long[] slots = new long[numSegments * maxSize];
        Arrays.fill(slots, e);
        int[] fill = new int[numSegments];
        for (int i = 0; i < e; i++) {
            int s = (int) idx[i];
            slots[s * maxSize + fill[s]++] = i;
        }
        float pad = max ? Float.NEGATIVE_INFINITY : 0f;
        NDArray padded = flat.concat(m.full(new Shape(1, width), pad, values.getDataType()), 0);
        NDArray gathered =
                padded.get(m.create(slots).toDevice(values.getDevice(), false))
                        .reshape(numSegments, maxSize, width);
        if (!max) {
            return gathered.sum(new int[] {1}).reshape(outShape(valueShape, numSegments));
        }
        NDArray reduced = gathered.max(new int[] {1});
        boolean[] nonEmpty = new boolean[numSegments];
        for (int s = 0; s < numSegments; s++) {
            nonEmpty[s] = size[s] > 0;
        }
        NDArray keep =
                m.create(nonEmpty)
                        .toDevice(values.getDevice(), false)
                        .reshape(numSegments, 1)
                        .broadcast(numSegments, width);
        NDArray out = NDArrays.where(keep, reduced, reduced.zerosLike());
        return out.reshape(outShape(valueShape, numSegments));
    }

    /** The size of each group as a float array broadcastable against {@code [S, ...]}. */
    private static NDArray counts(NDManager m, long[] idx, int numSegments, Shape like) {
        float[] c = new float[numSegments];
        for (long s : idx) {
            c[(int) s] += 1f;
        }
        for (int s = 0; s < numSegments; s++) {
            c[s] = Math.max(c[s], 1f);
        }
        long[] dims = new long[like.dimension()];
        Arrays.fill(dims, 1);
        dims[0] = numSegments;
        return m.create(c).reshape(new Shape(dims));
    }

    /** The index as a host array, checked against the value count and the group count. */
    static long[] hostIndex(NDArray values, NDArray index, int numSegments, String caller) {
        long e = values.getShape().get(0);
        if (index.getShape().dimension() != 1 || index.getShape().get(0) != e) {
            throw new InvalidGraphException(
                    String.format(
                            "%s: index has shape %s but values has %d rows; give one group id "
                                    + "per row",
                            caller, index.getShape(), e));
        }
        Layers.HOST_INDEX_READS.incrementAndGet();
        long[] idx = index.toType(DataType.INT64, false).toLongArray();
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= numSegments) {
                throw new InvalidGraphException(
                        String.format(
                                "%s: index[%d] = %d lies outside [0, %d); group ids must be "
                                        + "smaller than numSegments",
                                caller, i, idx[i], numSegments));
            }
        }
        return idx;
    }

    /**
     * Reduces a padded block {@code [R, D, W]} over its slots: a weighted sum ({@code weights [R,
     * D, 1]}: 0 on padding, 1 or 1/size on used slots) for SUM and MEAN, or a max over the used
     * slots (padding masked by its zero weight) with 0 for rows whose {@code nonEmpty} is false.
     */
    static NDArray reducePadded(
            NDArray gathered, Edges.Aggregation aggregation, NDArray weights, NDArray nonEmpty) {
        if (aggregation != Edges.Aggregation.MAX) {
            return gathered.mul(weights).sum(new int[] {1});
        }
        // Padding slots get -inf added so they never win; the weights are 0 exactly there.
        NDArray ninf =
                Layers.scalar(gathered, Float.NEGATIVE_INFINITY).broadcast(weights.getShape());
        NDArray mask =
                NDArrays.where(weights.eq(Layers.scalar(weights, 0f)), ninf, weights.zerosLike());
        NDArray reduced = gathered.add(mask).max(new int[] {1});
        long rows = reduced.getShape().get(0);
        NDArray keep = nonEmpty.reshape(rows, 1).broadcast(reduced.getShape());
        return NDArrays.where(keep, reduced, reduced.zerosLike());
    }

    /** The number of values per row ({@code reshape(0, -1)} is ambiguous for zero rows). */
    static long rowWidth(Shape valueShape) {
        long width = 1;
        for (int d = 1; d < valueShape.dimension(); d++) {
            width *= valueShape.get(d);
        }
        return width;
    }

    static Shape outShape(Shape valueShape, int numSegments) {
        long[] dims = valueShape.getShape().clone();
        dims[0] = numSegments;
        return new Shape(dims);
    }
}
