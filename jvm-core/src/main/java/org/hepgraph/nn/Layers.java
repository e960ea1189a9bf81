package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import org.hepgraph.HepgraphException.InvalidArgumentException;

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

    /**
     * A scalar of x's type from a double, so a float64 layer sees the exact constant (a float
     * constant such as {@code 0.2f} differs from PyTorch's 0.2 by 3e-9, far above float64's
     * tolerance).
     */
    static NDArray scalar(NDArray like, double value) {
        return like.getManager().create(value).toType(like.getDataType(), false);
    }

    /**
     * {@code x} where {@code x > 0}, else {@code slope · x}: PyTorch's {@code leaky_relu} with the
     * slope as a double (DJL's takes a float), including its gradient at 0 ({@code slope}).
     */
    static NDArray leakyRelu(NDArray x, double slope) {
        return ai.djl.ndarray.NDArrays.where(x.gt(scalar(x, 0.0)), x, x.mul(scalar(x, slope)));
    }

    /** Runs a single-input, single-output child block. */
    static NDArray linear(ParameterStore ps, Block block, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    /**
     * A bias {@code [width]} added after aggregation, initialised to zeros (PyG's {@code bias}).
     */
    static Parameter bias(long width) {
        return Parameter.builder()
                .setName("bias")
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(width))
                .optInitializer(Initializer.ZEROS)
                .build();
    }

    /** Refuses a dropout probability outside {@code [0, 1)}, naming the builder. */
    static void checkDropout(String owner, float dropout) {
        if (!(dropout >= 0 && dropout < 1)) {
            throw new InvalidArgumentException(
                    owner
                            + ".builder(): dropout must lie in [0, 1), got "
                            + dropout
                            + "; call optDropout(p) with a probability such as 0.5");
        }
    }

    /** Refuses an edgeDim that was set but is not positive ({@code -1} means not set). */
    static void checkEdgeDim(String owner, int edgeDim) {
        if (edgeDim == 0 || edgeDim < -1) {
            throw new InvalidArgumentException(
                    owner
                            + ".builder(): edgeDim must be > 0, got "
                            + edgeDim
                            + "; call optEdgeDim(D) with the width of edgeAttr, or leave it out");
        }
    }
}
