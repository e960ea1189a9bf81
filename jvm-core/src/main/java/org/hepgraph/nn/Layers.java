package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** Small helpers shared by the layers of this package. */
final class Layers {

    /**
     * How often a layer or pool copied node indices to the host. Batches carry an {@link
     * org.hepgraph.data.EdgePlan}, so a model run on batches must leave this unchanged; tests
     * assert it.
     */
    static final java.util.concurrent.atomic.AtomicLong HOST_INDEX_READS =
            new java.util.concurrent.atomic.AtomicLong();

    private Layers() {}

    /**
     * A scalar as an array owned by {@code like}'s manager, for ops that autograd records.
     *
     * <p>Never pass a Java number to such an op ({@code x.mul(1.5f)}): DJL wraps it in a temporary
     * tensor over a direct buffer and closes it at once, while autograd keeps the tensor for the
     * backward pass, which then reads freed memory (see {@code AutogradLifetimeTest}). An array
     * attached to the manager lives until the batch scope closes.
     */
    static NDArray scalar(NDArray like, float value) {
        return like.getManager().create(value).toType(like.getDataType(), false);
    }

    /** Runs a single-input, single-output child block. */
    static NDArray linear(ParameterStore ps, Block block, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }
}
