package org.hepgraph.transforms;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.hepgraph.data.GraphBatch;

/**
 * Adds a self loop {@code i → i} to every node, as PyG's {@code add_self_loops}.
 *
 * <p>The {@code N} loops are appended after the existing {@code E} edges, in node order, so the
 * result has {@code E + N} edges; loops already present are kept (a node can then have two). When
 * the batch has edge features {@code [E, D]}, the loops get {@code fillValue} in every column
 * (default 0). The new arrays live in the manager of the batch's {@code x}; {@code x}, {@code y}
 * and {@code ptr} are shared with the input.
 */
public final class SelfLoops {

    private SelfLoops() {}

    /** Adds {@code i → i} for every node; loop edge features, if any, are zeros. */
    public static GraphBatch add(GraphBatch batch) {
        return add(batch, 0f);
    }

    /**
     * Adds {@code i → i} for every node.
     *
     * @param fillValue the edge feature value of the loops, used when the batch has edge features
     * @return a batch with {@code edgeIndex [2, E + N]} and {@code edgeAttr [E + N, D]} (or none)
     */
    public static GraphBatch add(GraphBatch batch, float fillValue) {
        NDArray x = batch.x();
        NDManager m = x.getManager();
        long n = batch.numNodes();
        NDArray nodes = m.arange(0, n, 1, DataType.INT64).toDevice(x.getDevice(), false);
        NDArray edgeIndex = batch.edgeIndex().concat(nodes.stack(nodes), 1);
        NDArray edgeAttr = batch.edgeAttr();
        if (edgeAttr != null) {
            Shape loops = new Shape(n, edgeAttr.getShape().get(1));
            NDArray fill = m.full(loops, fillValue, edgeAttr.getDataType());
            edgeAttr = edgeAttr.concat(fill.toDevice(edgeAttr.getDevice(), false), 0);
        }
        return GraphBatch.fromArrays(x, edgeIndex, edgeAttr, batch.ptr(), batch.y());
    }
}
