package org.hepgraph.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.nn.Edges.Aggregation;

/**
 * The base of every graph layer: checks the inputs, reads the edges once, and leaves each layer to
 * say only what its messages and its update are (PyG's {@code MessagePassing}).
 *
 * <p>Inputs: {@code NDList(x [N, F_in], edgeIndex [2, E] int64)} and, for layers that use them,
 * {@code edgeAttr [E, D]} as a third array. Output: {@code NDList(x' [N, F_out])}.
 *
 * <p>The edges come from the {@link org.hepgraph.data.EdgePlan} of the batch that {@code edgeIndex}
 * belongs to: built and checked once per batch, read here without host copies. Checks made on every
 * call, each failing with an {@link InvalidGraphException} that names the layer: {@code x} rank 2
 * with {@code F_in} columns, a non-empty graph, one {@code edgeAttr} row per edge. For an {@code
 * edgeIndex} that no batch planned (a layer called directly) the layer also checks, as a batch
 * would, that the indices lie inside {@code [0, N)} (once per array) and that {@code x} holds no
 * NaN or infinity (every call).
 */
public abstract class MessagePassing extends AbstractBlock {

    private static final byte VERSION = 1;

    protected final int inChannels;
    protected final int outChannels;
    protected final Aggregation aggregation;
    private final List<Shape> childInputShapes = new ArrayList<>();

    protected MessagePassing(int inChannels, int outChannels, Aggregation aggregation) {
        super(VERSION);
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.aggregation = aggregation;
    }

    /** Adds a child block that receives inputs of shape {@code [*, inputWidth]}. */
    protected final <B extends Block> B addChild(String name, B block, long inputWidth) {
        childInputShapes.add(new Shape(1, inputWidth));
        return addChildBlock(name, block);
    }

    /** Computes {@code x' [N, F_out]} from checked inputs. */
    protected abstract NDArray propagate(
            ParameterStore ps, NDArray x, Edges edges, NDArray edgeAttr, boolean training);

    @Override
    protected final NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        String name = getClass().getSimpleName();
        if (inputs.size() < 2) {
            throw new InvalidGraphException(
                    name
                            + ": expected inputs (x [N, F], edgeIndex [2, E]) but got "
                            + inputs.size()
                            + " array(s)");
        }
        NDArray x = inputs.get(0);
        checkNodeFeatures(name, x, inChannels);
        Edges edges = Edges.of(inputs.get(1), (int) x.getShape().get(0), name);
        if (!edges.plan().fromBatch()) {
            checkFinite(name, x);
        }
        NDArray edgeAttr = inputs.size() > 2 ? inputs.get(2) : null;
        if (edgeAttr != null && edgeAttr.getShape().get(0) != edges.numEdges()) {
            throw new InvalidGraphException(
                    String.format(
                            "%s: edgeAttr has %d rows but edgeIndex has %d edges; give one row "
                                    + "of edge features per edge",
                            name, edgeAttr.getShape().get(0), edges.numEdges()));
        }
        return new NDList(propagate(ps, x, edges, edgeAttr, training));
    }

    /** Checks {@code x [N, F]}: rank, width, non-empty (shape only, no device read). */
    static void checkNodeFeatures(String owner, NDArray x, long width) {
        Shape s = x.getShape();
        if (s.dimension() != 2 || s.get(1) != width) {
            throw new InvalidGraphException(
                    String.format(
                            "%s: x has shape %s but the layer expects [N, %d]; check the "
                                    + "layer's inChannels against the node features",
                            owner, s, width));
        }
        if (s.get(0) == 0) {
            throw new InvalidGraphException(
                    owner + ": x has 0 nodes; drop empty graphs before calling the model");
        }
    }

    /** Checks that {@code x} holds no NaN or infinity (one device read). */
    static void checkFinite(String owner, NDArray x) {
        if (x.isNaN().any().getBoolean() || x.isInfinite().any().getBoolean()) {
            throw new InvalidGraphException(
                    owner
                            + ": the layer input x holds NaN or infinite values; in the first "
                            + "layer clean the node features (Graph.validate() names the first "
                            + "bad entry), in a later one the activations overflowed (lower the "
                            + "learning rate or use mean aggregation)");
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outChannels)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        // Children are initialised in the order they were added, each with its own input width.
        int i = 0;
        for (Block child : children.values()) {
            child.initialize(manager, dataType, childInputShapes.get(i++));
        }
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    public Aggregation aggregation() {
        return aggregation;
    }

    @Override
    public String toString() {
        return String.format(
                "%s(%d, %d, aggr=%s)",
                getClass().getSimpleName(),
                inChannels,
                outChannels,
                aggregation.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Shared builder of the layer family: channels and aggregation. */
    @SuppressWarnings("unchecked")
    public abstract static class BaseBuilder<T extends BaseBuilder<T>> {
        protected int inChannels = -1;
        protected int outChannels = -1;
        protected Aggregation aggregation;

        protected BaseBuilder(Aggregation defaultAggregation) {
            this.aggregation = defaultAggregation;
        }

        /** Node features in ({@code F_in}), required. */
        public T setInChannels(int inChannels) {
            this.inChannels = inChannels;
            return (T) this;
        }

        /** Node features out ({@code F_out}), required. */
        public T setOutChannels(int outChannels) {
            this.outChannels = outChannels;
            return (T) this;
        }

        /** How messages are combined at a node; each layer documents its default. */
        public T optAggregation(Aggregation aggregation) {
            this.aggregation = aggregation;
            return (T) this;
        }

        protected void validate(String layer) {
            if (inChannels <= 0 || outChannels <= 0) {
                throw new InvalidArgumentException(
                        String.format(
                                "%s.builder(): inChannels and outChannels must be set and > 0, "
                                        + "got %d and %d; call setInChannels(..) and "
                                        + "setOutChannels(..)",
                                layer, inChannels, outChannels));
            }
        }

        /** For layers whose aggregation is part of their definition: refuse any other. */
        protected void requireAggregation(String layer, Aggregation only) {
            if (aggregation != only) {
                throw new InvalidArgumentException(
                        String.format(
                                "%s.builder(): the aggregation of %s is always %s, got %s; "
                                        + "remove optAggregation(..)",
                                layer, layer, only, aggregation));
            }
        }
    }

    /**
     * Builder of the layers that wrap a neural network {@code nn} (GIN, GINE, EdgeConv): any block
     * mapping {@code [*, nnIn]} to {@code [*, outChannels]}, as PyG's {@code nn} argument, or a
     * default {@link MLP} {@code [nnIn, hidden, outChannels]} without normalisation.
     */
    @SuppressWarnings("unchecked")
    public abstract static class NnBuilder<T extends NnBuilder<T>> extends BaseBuilder<T> {
        private Block nn;
        private int hidden = -1;

        protected NnBuilder(Aggregation defaultAggregation) {
            super(defaultAggregation);
        }

        /**
         * The network applied by the layer (default: an MLP from {@code optHidden}); {@code
         * outChannels} is taken from it when not set. The block becomes a child of the one layer
         * built, so give each layer its own.
         */
        public T optNn(Block nn) {
            this.nn = nn;
            return (T) this;
        }

        /** Hidden width of the default MLP (default {@code outChannels}). */
        public T optHidden(int hidden) {
            this.hidden = hidden;
            return (T) this;
        }

        /**
         * Validates the channels and returns the layer's network.
         *
         * @param nnIn the width the network receives
         * @param plainLast whether the default MLP's last layer is plain (no activation)
         */
        protected Block resolveNn(String layer, long nnIn, boolean plainLast) {
            if (nn == null) {
                validate(layer);
                int width = hidden > 0 ? hidden : outChannels;
                return MLP.builder()
                        .setChannels((int) nnIn, width, outChannels)
                        .optNorm(MLP.Norm.NONE)
                        .optPlainLast(plainLast)
                        .build();
            }
            if (hidden > 0) {
                throw new InvalidArgumentException(
                        layer
                                + ".builder(): optHidden("
                                + hidden
                                + ") only shapes the default MLP but optNn(..) was given; "
                                + "remove one of them");
            }
            if (inChannels > 0 && outChannels <= 0) {
                outChannels = (int) nnOutput(layer, nnIn);
            }
            validate(layer);
            long produced = nnOutput(layer, nnIn);
            if (produced != outChannels) {
                throw new InvalidArgumentException(
                        String.format(
                                "%s.builder(): the nn maps [*, %d] to [*, %d] but outChannels is "
                                        + "%d; make them agree or leave setOutChannels out",
                                layer, nnIn, produced, outChannels));
            }
            return nn;
        }

        private long nnOutput(String layer, long nnIn) {
            try {
                Shape out = nn.getOutputShapes(new Shape[] {new Shape(1, nnIn)})[0];
                return out.get(out.dimension() - 1);
            } catch (RuntimeException e) {
                throw new InvalidArgumentException(
                        layer
                                + ".builder(): cannot tell the output width of the nn "
                                + nn
                                + " for input [*, "
                                + nnIn
                                + "] ("
                                + e.getMessage()
                                + "); give a block that maps [*, "
                                + nnIn
                                + "] to [*, outChannels]");
            }
        }
    }
}
