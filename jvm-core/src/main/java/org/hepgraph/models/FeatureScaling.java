package org.hepgraph.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Node-feature standardisation as a block: {@code x' = (x − mean) / std}, with the training set's
 * per-feature mean and standard deviation ({@link FeatureStats}) stored as two non-trainable
 * parameters, so that a saved model scores exactly as it did when it was trained.
 *
 * <p>A standard deviation below 1e-6 counts as 1, so a constant feature becomes 0, not NaN. Before
 * {@link #set} it is the identity (mean 0, std 1). Shapes: {@code x [N, F]} → {@code [N, F]}.
 */
public final class FeatureScaling extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int width;
    private final Parameter mean;
    private final Parameter std;

    /**
     * @param width node features F
     */
    public FeatureScaling(int width) {
        super(VERSION);
        this.width = width;
        mean = addParameter(GraphAnomalyModel.constant("feature_mean", width, Initializer.ZEROS));
        std = addParameter(GraphAnomalyModel.constant("feature_std", width, Initializer.ONES));
    }

    /** Node features F. */
    public int width() {
        return width;
    }

    /** Sets the statistics (each of length F). */
    public void set(FeatureStats stats) {
        GraphAnomalyModel.setValues(mean, stats.mean());
        float[] safe = stats.std().clone();
        for (int i = 0; i < safe.length; i++) {
            safe[i] = safe[i] > 1e-6f ? safe[i] : 1f;
        }
        GraphAnomalyModel.setValues(std, safe);
    }

    /** {@code (x − mean) / std}. */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return x.sub(ps.getValue(mean, x.getDevice(), training))
                .div(ps.getValue(std, x.getDevice(), training));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children
    }
}
