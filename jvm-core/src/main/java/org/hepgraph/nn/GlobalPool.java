package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import org.hepgraph.data.GraphBatch;

/**
 * Graph-level readouts: node features {@code x [N, F]} reduced per graph to {@code [B, F]}, using
 * the batch vector (PyG's {@code global_add_pool}, {@code global_mean_pool}, {@code
 * global_max_pool}).
 */
public final class GlobalPool {

    private GlobalPool() {}

    /** {@code out[b] = Σ_{i: batch[i] = b} x_i}. */
    public static NDArray add(NDArray x, NDArray batch, int numGraphs) {
        return Segment.sum(x, batch, numGraphs);
    }

    /** {@code out[b]} = the mean of graph {@code b}'s node features. */
    public static NDArray mean(NDArray x, NDArray batch, int numGraphs) {
        return Segment.mean(x, batch, numGraphs);
    }

    /** {@code out[b]} = the elementwise max of graph {@code b}'s node features. */
    public static NDArray max(NDArray x, NDArray batch, int numGraphs) {
        return Segment.max(x, batch, numGraphs);
    }

    /** {@link #add} over a batch's own batch vector. */
    public static NDArray add(NDArray x, GraphBatch batch) {
        return add(x, batch.batch(), batch.numGraphs());
    }

    /** {@link #mean} over a batch's own batch vector. */
    public static NDArray mean(NDArray x, GraphBatch batch) {
        return mean(x, batch.batch(), batch.numGraphs());
    }

    /** {@link #max} over a batch's own batch vector. */
    public static NDArray max(NDArray x, GraphBatch batch) {
        return max(x, batch.batch(), batch.numGraphs());
    }
}
