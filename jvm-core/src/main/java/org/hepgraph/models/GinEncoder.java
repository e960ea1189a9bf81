package org.hepgraph.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.nn.GINConv;

/**
 * A stack of {@link GINConv} layers with ReLU between them, returning every layer's node embeddings
 * (OCGIN and GLocalKD read out all of them).
 *
 * <p>Input {@code NDList(x [N, F], edgeIndex [2, E])}; output one {@code [N, widths[l]]} array per
 * layer.
 */
public final class GinEncoder extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int[] widths;
    private final int inChannels;

    /**
     * @param inChannels node features in
     * @param widths output width of each layer
     */
    public GinEncoder(int inChannels, int... widths) {
        this(Aggregation.SUM, inChannels, widths);
    }

    /**
     * @param aggregation how each layer combines neighbours
     * @param inChannels node features in
     * @param widths output width of each layer
     */
    public GinEncoder(Aggregation aggregation, int inChannels, int... widths) {
        super(VERSION);
        this.inChannels = inChannels;
        this.widths = widths.clone();
        int in = inChannels;
        for (int l = 0; l < widths.length; l++) {
            addChildBlock(
                    "gin" + l,
                    GINConv.builder()
                            .setInChannels(in)
                            .setOutChannels(widths[l])
                            .optAggregation(aggregation)
                            .build());
            in = widths[l];
        }
    }

    /** Node embeddings of every layer. */
    public List<NDArray> embed(ParameterStore ps, NDArray x, NDArray edgeIndex, boolean training) {
        List<NDArray> out = new ArrayList<>();
        NDArray h = x;
        int l = 0;
        for (Block conv : children.values()) {
            h = conv.forward(ps, new NDList(h, edgeIndex), training).singletonOrThrow();
            if (l < widths.length - 1) {
                h = Activation.relu(h);
            }
            out.add(h);
            l++;
        }
        return out;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(embed(ps, inputs.get(0), inputs.get(1), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[widths.length];
        for (int l = 0; l < widths.length; l++) {
            out[l] = new Shape(inputShapes[0].get(0), widths[l]);
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        long in = inChannels;
        int l = 0;
        for (Block conv : children.values()) {
            conv.initialize(manager, dataType, new Shape(1, in), new Shape(2, 1));
            in = widths[l++];
        }
    }

    /** The sum of all layer widths (the size of a concatenated readout). */
    public int totalWidth() {
        int sum = 0;
        for (int w : widths) {
            sum += w;
        }
        return sum;
    }
}
