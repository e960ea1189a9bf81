package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.hepgraph.data.EdgePlan;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.nn.Edges.Aggregation;

/**
 * Graph-level readouts: node features {@code x [N, F]} reduced per graph to {@code [B, F]}, using
 * the batch vector (PyG's {@code global_add_pool}, {@code global_mean_pool}, {@code
 * global_max_pool}).
 *
 * <p>With a batch (or its own batch vector) the batch's {@link EdgePlan} gives, built once per
 * batch, a pooling matrix {@code [B, N]} (sum and mean are one matmul, the cheapest form on CPU for
 * batches up to 1M cells) or each graph's nodes as a padded {@code [B, P]} layout (a gather, then a
 * weighted sum or a masked max; graphs of equal size need only a reshape). A batch vector that no
 * batch planned is read to the host ({@link Segment}). Empty graphs give 0.
 */
public final class GlobalPool {

    private GlobalPool() {}

    /** {@code out[b] = Σ_{i: batch[i] = b} x_i}. */
    public static NDArray add(NDArray x, NDArray batch, int numGraphs) {
        EdgePlan plan = planOf(x, batch, numGraphs);
        return plan != null ? pool(x, plan, Aggregation.SUM) : Segment.sum(x, batch, numGraphs);
    }

    /** {@code out[b]} = the mean of graph {@code b}'s node features. */
    public static NDArray mean(NDArray x, NDArray batch, int numGraphs) {
        EdgePlan plan = planOf(x, batch, numGraphs);
        return plan != null ? pool(x, plan, Aggregation.MEAN) : Segment.mean(x, batch, numGraphs);
    }

    /** {@code out[b]} = the elementwise max of graph {@code b}'s node features. */
    public static NDArray max(NDArray x, NDArray batch, int numGraphs) {
        EdgePlan plan = planOf(x, batch, numGraphs);
        return plan != null ? pool(x, plan, Aggregation.MAX) : Segment.max(x, batch, numGraphs);
    }

    /** {@link #add} over a batch's own plan. */
    public static NDArray add(NDArray x, GraphBatch batch) {
        return pool(x, checked(x, batch), Aggregation.SUM);
    }

    /** {@link #mean} over a batch's own plan. */
    public static NDArray mean(NDArray x, GraphBatch batch) {
        return pool(x, checked(x, batch), Aggregation.MEAN);
    }

    /** {@link #max} over a batch's own plan. */
    public static NDArray max(NDArray x, GraphBatch batch) {
        return pool(x, checked(x, batch), Aggregation.MAX);
    }

    private static EdgePlan planOf(NDArray x, NDArray batch, int numGraphs) {
        EdgePlan plan = EdgePlan.lookup(batch);
        boolean fits =
                plan != null
                        && plan.numGraphs() == numGraphs
                        && x.getShape().dimension() > 0
                        && x.getShape().get(0) == plan.numNodes();
        return fits ? plan : null;
    }

    private static EdgePlan checked(NDArray x, GraphBatch batch) {
        EdgePlan plan = batch.plan();
        if (x.getShape().dimension() == 0 || x.getShape().get(0) != plan.numNodes()) {
            throw new org.hepgraph.HepgraphException.InvalidGraphException(
                    String.format(
                            "GlobalPool: x has shape %s but the batch has %d nodes; pool node "
                                    + "features of this batch",
                            x.getShape(), plan.numNodes()));
        }
        return plan;
    }

    private static NDArray pool(NDArray x, EdgePlan plan, Aggregation aggregation) {
        return pool(x, plan, aggregation, "auto".equals(Edges.FORMS));
    }

    /** Pools by the plan; {@code allowMatrix} false forces the padded layout (for tests). */
    static NDArray pool(NDArray x, EdgePlan plan, Aggregation aggregation, boolean allowMatrix) {
        Shape shape = x.getShape();
        int b = plan.numGraphs();
        int p = plan.maxGraphSize();
        long width = Segment.rowWidth(shape);
        Shape out = Segment.outShape(shape, b);
        if (p == 0) {
            return x.getManager().zeros(out, x.getDataType(), x.getDevice());
        }
        NDArray flat = x.reshape(plan.numNodes(), width);
        if (aggregation != Aggregation.MAX && plan.poolingMatrixFits() && allowMatrix) {
            NDArray matrix = plan.poolingMatrix(aggregation == Aggregation.MEAN, x.getDataType());
            return matrix.matMul(flat).reshape(out);
        }
        if ((long) b * p == plan.numNodes()) {
            NDArray grouped = flat.reshape(b, p, width);
            NDArray reduced =
                    switch (aggregation) {
                        case SUM -> grouped.sum(new int[] {1});
                        case MEAN -> grouped.mean(new int[] {1});
                        case MAX -> grouped.max(new int[] {1});
                    };
            return reduced.reshape(out);
        }
        NDArray padded =
                flat.gather(plan.rowIndex("paddedNodes", plan.paddedNodes(), width), 0)
                        .reshape(b, p, width);
        NDArray weights = plan.graphWeights(aggregation == Aggregation.MEAN, x.getDataType());
        return Segment.reducePadded(padded, aggregation, weights, plan.hasNodes()).reshape(out);
    }
}
