package org.hepgraph.detectors.graphcl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * The k-nearest-neighbour distance score of an embedding against a bank of reference (training)
 * embeddings: the mean Euclidean distance to its {@code k} nearest rows of the bank.
 *
 * <pre>
 *   score(q) = (1/k) Σ_{r ∈ kNN(q, bank)} ‖q − r‖₂
 * </pre>
 *
 * <p>Distances come from {@code ‖q‖² + ‖r‖² − 2 q·r} (clamped at 0) on the queries' device, after
 * centring both on the bank's mean and in float64 (in float32 the expansion lost 0.02 absolute on
 * embeddings of norm ~100), in blocks of queries so that a block's {@code [Q_block, M]} distance
 * matrix stays under about 16 M entries. A query that is itself in the bank finds itself at
 * distance 0; score held-out graphs. Shapes: {@code queries [Q, D]}, {@code bank [M, D]} with
 * {@code M ≥ k} → {@code [Q]}.
 */
public final class KnnDistance {

    private static final long BLOCK_ENTRIES = 1L << 24;

    private KnnDistance() {}

    /** The mean distance of each query to its {@code k} nearest bank rows, {@code [Q]}. */
    public static NDArray meanDistance(NDArray queries, NDArray bank, int k) {
        long m = bank.getShape().get(0);
        return meanDistance(queries, bank, k, Math.max(1, BLOCK_ENTRIES / Math.max(1, m)));
    }

    /** As {@link #meanDistance(NDArray, NDArray, int)}, {@code blockRows} queries at a time. */
    static NDArray meanDistance(NDArray queries, NDArray bank, int k, long blockRows) {
        Shape qs = queries.getShape();
        Shape bs = bank.getShape();
        if (qs.dimension() != 2 || bs.dimension() != 2 || qs.get(1) != bs.get(1)) {
            throw new InvalidArgumentException(
                    "KnnDistance: queries and bank must be [Q, D] and [M, D] with the same D, got "
                            + qs
                            + " and "
                            + bs);
        }
        long m = bs.get(0);
        if (k < 1 || k > m) {
            throw new InvalidArgumentException(
                    "KnnDistance: k must lie in [1, "
                            + m
                            + "] (the bank holds "
                            + m
                            + " embeddings), got "
                            + k
                            + "; lower k or train on more graphs");
        }
        // ‖q‖² + ‖r‖² − 2 q·r cancels badly when the norms are large next to the distances (sum
        // readouts): centre both on the bank's mean and work in float64. Everything derived from
        // the bank lives in the queries' manager (a scoring scope), not in the bank's (the
        // detector's, which would grow with every batch scored).
        DataType type = queries.getDataType();
        NDArray bank64 = bank.toType(DataType.FLOAT64, true);
        bank64.attach(queries.getManager());
        NDArray centre = bank64.mean(new int[] {0}, true);
        NDArray ref = bank64.sub(centre);
        NDArray qs64 = queries.toType(DataType.FLOAT64, false).sub(centre);
        NDArray bankSquares = ref.square().sum(new int[] {1}).reshape(1, m);
        long q = qs.get(0);
        long block = blockRows;
        List<NDArray> parts = new ArrayList<>();
        for (long from = 0; from < q; from += block) {
            NDArray part = qs64.get("{}:{}", from, Math.min(q, from + block));
            NDArray squares = part.square().sum(new int[] {1}, true);
            NDArray d2 = squares.add(bankSquares).sub(part.matMul(ref.transpose()).mul(2));
            NDArray nearest = d2.maximum(0).topK(k, 1, false, false).get(0);
            parts.add(nearest.sqrt().mean(new int[] {1}).toType(type, false));
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts), 0);
    }
}
