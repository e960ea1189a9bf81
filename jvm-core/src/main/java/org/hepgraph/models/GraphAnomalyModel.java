package org.hepgraph.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.GraphBatch;

/**
 * A graph-level anomaly detector: trained on normal graphs only, it gives every graph one score,
 * higher meaning more anomalous.
 *
 * <p>Subclasses say how a batch turns into a per-graph training loss ({@link #lossPerGraph}); by
 * default the score is that same loss evaluated without training behaviour. Node features are
 * standardised inside the model with the training set's mean and standard deviation ({@link
 * #setFeatureScaling}), stored as non-trainable parameters so a saved model scores exactly as it
 * did when it was trained.
 *
 * <p>As a DJL block its forward pass takes {@code NDList(x [N, F], edgeIndex [2, E], batch [N], ptr
 * [B+1])} and returns the scores {@code [B]}.
 */
public abstract class GraphAnomalyModel extends AbstractBlock {

    private static final byte VERSION = 1;

    protected final int inChannels;
    private final Parameter featureMean;
    private final Parameter featureStd;

    /**
     * @param inChannels node features F
     */
    protected GraphAnomalyModel(int inChannels) {
        super(VERSION);
        if (inChannels <= 0) {
            throw new InvalidArgumentException(
                    getClass().getSimpleName() + ": inChannels must be > 0, got " + inChannels);
        }
        this.inChannels = inChannels;
        featureMean = addParameter(constant("feature_mean", inChannels, Initializer.ZEROS));
        featureStd = addParameter(constant("feature_std", inChannels, Initializer.ONES));
    }

    /** A non-trainable parameter of shape {@code [width]}. */
    protected static Parameter constant(String name, long width, Initializer init) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(width))
                .optInitializer(init)
                .optRequiresGrad(false)
                .build();
    }

    /** Node features F the model was built for. */
    public int inChannels() {
        return inChannels;
    }

    /** Per-graph training loss {@code [B]}; the trainer minimises its mean. */
    public abstract NDArray lossPerGraph(ParameterStore ps, GraphBatch batch, boolean training);

    /** Per-graph anomaly score {@code [B]}, higher = more anomalous. */
    public NDArray score(ParameterStore ps, GraphBatch batch) {
        return lossPerGraph(ps, batch, false);
    }

    /**
     * Called once before training, with the training batches, after the weights are initialised
     * (OCGIN fixes its hypersphere centre here).
     */
    public void beforeTraining(ParameterStore ps, Iterable<GraphBatch> trainingBatches) {}

    /** Sets the standardisation {@code (x - mean) / std} applied to node features. */
    public void setFeatureScaling(float[] mean, float[] std) {
        setValues(featureMean, mean);
        float[] safe = std.clone();
        for (int i = 0; i < safe.length; i++) {
            safe[i] = safe[i] > 1e-6f ? safe[i] : 1f;
        }
        setValues(featureStd, safe);
    }

    /**
     * Sets {@code p}'s values, converted to its type (float64 models, as the parity traces build,
     * take float32 statistics too); {@code p} is one-dimensional.
     */
    static void setValues(Parameter p, float[] values) {
        NDArray a = p.getArray();
        if (a.getDataType() == DataType.FLOAT32) {
            a.set(values);
            return;
        }
        try (NDArray v = a.getManager().create(values)) {
            a.set(new NDIndex(":"), v.toType(a.getDataType(), false));
        }
    }

    /** The batch's node features, standardised. */
    protected NDArray scaledFeatures(ParameterStore ps, GraphBatch batch, boolean training) {
        NDArray x = batch.x();
        return x.sub(ps.getValue(featureMean, x.getDevice(), training))
                .div(ps.getValue(featureStd, x.getDevice(), training));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        GraphBatch batch = GraphBatch.fromBlockInputs(inputs);
        return new NDList(lossPerGraph(ps, batch, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[3].get(0) - 1)};
    }

    /**
     * Initialises every weight for node features of width {@link #inChannels()}, drawn as PyTorch
     * draws {@code nn.Linear} weights: uniform in ±1/sqrt(fan_in). (DJL's default Xavier draws
     * sqrt(2) wider; through the eight linear maps of a 3-layer GIN autoencoder the first outputs
     * reached 1e5 and the first steps killed the ReLUs.) Biases start at 0.
     */
    public void initialize(NDManager manager) {
        setInitializer(
                new XavierInitializer(
                        XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1),
                Parameter.Type.WEIGHT);
        initialize(manager, DataType.FLOAT32, new Shape(1, inChannels), new Shape(2, 1));
    }
}
