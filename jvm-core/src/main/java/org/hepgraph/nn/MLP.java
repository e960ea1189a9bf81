package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * A multi-layer perceptron: {@code Linear → ReLU → … → Linear}, as PyG's {@code MLP} with {@code
 * plain_last=True} (no activation after the last layer unless {@link Builder#optActivateLast}).
 *
 * <p>Input {@code [*, channels[0]]}, output {@code [*, channels[last]]}.
 */
public final class MLP extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int[] channels;
    private final boolean activateLast;

    private MLP(Builder b) {
        super(VERSION);
        this.channels = b.channels.clone();
        this.activateLast = b.activateLast;
        for (int i = 1; i < channels.length; i++) {
            addChildBlock("linear" + i, Linear.builder().setUnits(channels[i]).build());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.singletonOrThrow();
        int layer = 0;
        int last = children.size() - 1;
        for (Block linear : children.values()) {
            h = linear.forward(ps, new NDList(h), training).singletonOrThrow();
            if (layer < last || activateLast) {
                h = Activation.relu(h);
            }
            layer++;
        }
        return new NDList(h);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long[] dims = inputShapes[0].getShape().clone();
        dims[dims.length - 1] = channels[channels.length - 1];
        return new Shape[] {new Shape(dims)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        int i = 0;
        for (Block linear : children.values()) {
            linear.initialize(manager, dataType, new Shape(1, channels[i++]));
        }
    }

    /** The channel widths, input first. */
    public int[] channels() {
        return channels.clone();
    }

    @Override
    public String toString() {
        return "MLP(" + Arrays.toString(channels) + ")";
    }

    /** Builds an {@link MLP}. */
    public static final class Builder {
        private int[] channels = new int[0];
        private boolean activateLast;

        /** Widths from input to output, at least two: {@code setChannels(7, 64, 64, 32)}. */
        public Builder setChannels(int... channels) {
            this.channels = channels.clone();
            return this;
        }

        /** Apply ReLU after the last layer too (default false). */
        public Builder optActivateLast(boolean activateLast) {
            this.activateLast = activateLast;
            return this;
        }

        public MLP build() {
            if (channels.length < 2 || Arrays.stream(channels).anyMatch(c -> c <= 0)) {
                throw new InvalidArgumentException(
                        "MLP.builder(): channels must hold at least two widths > 0 (input and "
                                + "output), got "
                                + Arrays.toString(channels));
            }
            return new MLP(this);
        }
    }
}
