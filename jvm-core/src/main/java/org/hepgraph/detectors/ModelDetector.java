package org.hepgraph.detectors;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException.ModelFormatException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.train.GraphScorer;

/**
 * A detector around one DJL block {@code M} built for the training graphs' feature width: what
 * every such kind does the same way, so that a kind writes only its {@code fit} and its score.
 *
 * <p>{@link #build} opens the detector's manager, seeds DJL's generator, builds and initialises the
 * block ({@link #newModel}); {@link #readWeights} does that and reads DJL's parameter stream (then
 * the kind's {@link #readExtra}), reporting a stream that does not fit as a {@link
 * ModelFormatException}. {@link #score} checks the feature width and scores in batches of {@value
 * #SCORE_BATCH} (scores do not depend on it) with {@link #scoreBatch}. {@link #savedConfig} is the
 * config plus {@code inChannels}; {@link #saveWeights} the parameter stream plus {@link
 * #saveExtra}.
 *
 * @param <C> the kind's config
 * @param <M> the block
 */
public abstract class ModelDetector<C extends DetectorConfig, M extends AbstractBlock>
        implements AnomalyDetector {

    /** Graphs per scoring batch (scores do not depend on it). */
    protected static final int SCORE_BATCH = 256;

    protected final C config;
    private final Device device;
    private int inChannels;

    /** Holds the weights; null before {@link #build} and after {@link #close}. */
    protected NDManager manager;

    /** The block; null before {@link #build} and after {@link #close}. */
    protected M model;

    protected ParameterStore ps;

    protected ModelDetector(C config, Device device) {
        this.config = config;
        this.device = device;
    }

    /** The block for node features of width {@code inChannels}, initialised in {@code manager}. */
    protected abstract M newModel(NDManager manager, int inChannels);

    /** Scores {@code [B]} of {@code batch}, without training behaviour. */
    protected abstract NDArray scoreBatch(GraphBatch batch);

    /** Whether the detector can score (the default: a model is built). */
    protected boolean fitted() {
        return model != null;
    }

    /** Reads what the kind saves after the parameters ({@link #saveExtra}); nothing by default. */
    protected void readExtra(DataInputStream in) throws IOException {}

    /** Writes what the kind keeps besides the parameters; nothing by default. */
    protected void saveExtra(DataOutputStream out) throws IOException {}

    /** A fresh manager and block for {@code inChannels}, seeded with {@code seed}. */
    protected final void build(int inChannels, long seed) {
        close();
        manager = NDManager.newBaseManager(device);
        manager.setName("hepgraph-" + kind());
        Engine.getInstance().setRandomSeed((int) seed);
        model = newModel(manager, inChannels);
        ps = new ParameterStore(manager, false);
        this.inChannels = inChannels;
    }

    /**
     * Builds for {@code inChannels} and reads {@code weights}; on a stream that does not fit the
     * detector is closed and the error names the kind.
     */
    protected final void readWeights(int inChannels, long seed, InputStream weights)
            throws IOException {
        build(inChannels, seed);
        try {
            DataInputStream dis = new DataInputStream(weights);
            model.loadParameters(manager, dis);
            readExtra(dis);
        } catch (MalformedModelException | RuntimeException e) {
            close();
            if (e instanceof ModelFormatException mfe) {
                throw mfe;
            }
            throw new ModelFormatException(
                    kind() + ": the weights do not match the saved config (" + e.getMessage() + ")",
                    e);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public String kind() {
        return config.kind();
    }

    @Override
    public DetectorConfig config() {
        return config;
    }

    @Override
    public float[] score(List<Graph> graphs) {
        requireFitted("score");
        DetectorChecks.checkFeatureWidth(kind() + ".score", graphs, inChannels);
        return GraphScorer.scoreAll(
                manager, this::scoreBatch, graphs, SCORE_BATCH, kind() + ".score");
    }

    @Override
    public Map<String, String> savedConfig() {
        requireFitted("savedConfig");
        return DetectorChecks.savedConfig(config, inChannels);
    }

    @Override
    public void saveWeights(OutputStream out) throws IOException {
        requireFitted("saveWeights");
        DataOutputStream dos = new DataOutputStream(out);
        model.saveParameters(dos);
        saveExtra(dos);
        dos.flush();
    }

    /** Refuses to {@code what} before the detector is fitted. */
    protected final void requireFitted(String what) {
        DetectorChecks.requireFitted(kind(), what, fitted());
    }

    @Override
    public void close() {
        if (manager != null) {
            manager.close();
            manager = null;
            model = null;
        }
    }

    @Override
    public String toString() {
        return kind() + config.toMap();
    }
}
