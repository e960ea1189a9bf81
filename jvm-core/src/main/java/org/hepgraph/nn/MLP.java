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
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * A multi-layer perceptron as PyG's {@code MLP}: for each layer but the last, {@code Linear → norm
 * → act → dropout}; the last is a plain {@code Linear} ({@code plain_last}) or a full layer.
 *
 * <p>Input {@code [*, channels[0]]}, output {@code [*, channels[last]]}.
 *
 * <p>Options (PyG's defaults): {@code setChannels} the widths, input first (required); {@code
 * optActivation} "relu" (also leaky_relu, elu, gelu, silu, tanh, sigmoid, none); {@code optNorm}
 * {@link Norm#BATCH_NORM} (or LAYER_NORM, NONE); {@code optPlainLast} (true); {@code optDropout}
 * (0, training only, never after a plain last layer); {@code optBias} (true).
 */
public final class MLP extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final List<String> ACTIVATIONS =
            List.of("relu", "leaky_relu", "elu", "gelu", "silu", "tanh", "sigmoid", "none");

    /** The normalisation after each hidden linear layer (PyG's {@code norm} strings). */
    public enum Norm {
        /** None ({@code norm=None}). */
        NONE,
        /** {@link BatchNorm} over the rows: momentum 0.1, eps 1e-5, running statistics. */
        BATCH_NORM,
        /** PyG's {@link LayerNorm} ({@code "layer_norm"}, graph mode). */
        LAYER_NORM
    }

    private final int[] channels;
    private final String activation;
    private final Norm norm;
    private final boolean plainLast;
    private final float dropout;
    private final List<Block> layers = new ArrayList<>();
    private final List<Block> norms = new ArrayList<>();
    private final List<Long> inputWidths = new ArrayList<>();

    private MLP(Builder b) {
        super(VERSION);
        channels = b.channels.clone();
        activation = b.activation;
        norm = b.norm;
        plainLast = b.plainLast;
        dropout = b.dropout;
        for (int i = 1; i < channels.length; i++) {
            layers.add(
                    add(
                            "linear" + i,
                            Linear.builder().setUnits(channels[i]).optBias(b.bias).build(),
                            channels[i - 1]));
            boolean full = i < channels.length - 1 || !plainLast;
            norms.add(full && norm != Norm.NONE ? add("norm" + i, normBlock(), channels[i]) : null);
        }
    }

    private Block normBlock() {
        return norm == Norm.BATCH_NORM ? new BatchNorm() : new LayerNorm();
    }

    private Block add(String name, Block block, long inputWidth) {
        inputWidths.add(inputWidth);
        return addChildBlock(name, block);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.singletonOrThrow();
        for (int i = 0; i < layers.size(); i++) {
            h = Layers.linear(ps, layers.get(i), h, training);
            if (i == layers.size() - 1 && plainLast) {
                break;
            }
            if (norms.get(i) != null) {
                h = Layers.linear(ps, norms.get(i), h, training);
            }
            h = activate(h);
            if (training && dropout > 0) {
                h = Dropout.dropout(h, dropout, true).singletonOrThrow();
            }
        }
        return new NDList(h);
    }

    private NDArray activate(NDArray h) {
        return activate(activation, h);
    }

    /** Activation {@code name} (one of the MLP's activation names; "none" is the identity). */
    static NDArray activate(String name, NDArray h) {
        return switch (name) {
            case "relu" -> Activation.relu(h);
            case "leaky_relu" -> Layers.leakyRelu(h, 0.01);
            case "elu" -> Activation.elu(h, 1f);
            case "gelu" -> Activation.gelu(h);
            case "silu" -> h.mul(Activation.sigmoid(h));
            case "tanh" -> Activation.tanh(h);
            case "sigmoid" -> Activation.sigmoid(h);
            default -> h;
        };
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
        for (Block child : children.values()) {
            child.initialize(manager, dataType, new Shape(1, inputWidths.get(i++)));
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
        private String activation = "relu";
        private Norm norm = Norm.BATCH_NORM;
        private boolean plainLast = true;
        private float dropout;
        private boolean bias = true;

        /** Widths from input to output, at least two: {@code setChannels(7, 64, 64, 32)}. */
        public Builder setChannels(int... channels) {
            this.channels = channels.clone();
            return this;
        }

        /** The activation by PyG's name (default "relu"); "none" for no activation. */
        public Builder optActivation(String activation) {
            this.activation = String.valueOf(activation).toLowerCase(Locale.ROOT);
            return this;
        }

        /** The normalisation of hidden layers (default BATCH_NORM, as PyG). */
        public Builder optNorm(Norm norm) {
            this.norm = norm;
            return this;
        }

        /** No norm, activation or dropout after the last linear layer (default true). */
        public Builder optPlainLast(boolean plainLast) {
            this.plainLast = plainLast;
            return this;
        }

        /** The same as {@code optPlainLast(!activateLast)}. */
        public Builder optActivateLast(boolean activateLast) {
            return optPlainLast(!activateLast);
        }

        /** Dropout probability after each activation, training only (default 0). */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /** Biases in the linear layers (default true). */
        public Builder optBias(boolean bias) {
            this.bias = bias;
            return this;
        }

        public MLP build() {
            if (channels.length < 2 || Arrays.stream(channels).anyMatch(c -> c <= 0)) {
                throw new InvalidArgumentException(
                        "MLP.builder(): channels must hold at least two widths > 0 (input and "
                                + "output), got "
                                + Arrays.toString(channels)
                                + "; call setChannels(in, hidden.., out)");
            }
            if (norm == null) {
                throw new InvalidArgumentException(
                        "MLP.builder(): norm is null; use optNorm(MLP.Norm.NONE) for no "
                                + "normalisation, or BATCH_NORM / LAYER_NORM");
            }
            if (!ACTIVATIONS.contains(activation)) {
                throw new InvalidArgumentException(
                        "MLP.builder(): unknown activation '"
                                + activation
                                + "'; use one of "
                                + ACTIVATIONS);
            }
            Layers.checkDropout("MLP", dropout);
            return new MLP(this);
        }
    }
}
