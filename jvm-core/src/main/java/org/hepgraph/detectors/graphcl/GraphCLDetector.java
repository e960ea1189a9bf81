package org.hepgraph.detectors.graphcl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.ModelFormatException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.detectors.ModelDetector;
import org.hepgraph.models.FeatureStats;
import org.hepgraph.train.BatchSource;
import org.hepgraph.train.BatchSource.Views;
import org.hepgraph.train.Objective;
import org.hepgraph.train.ParameterGroup;
import org.hepgraph.train.TrainingHistory;
import org.hepgraph.train.TrainingListener;
import org.hepgraph.train.TrainingLoop;
import org.hepgraph.transforms.augment.EdgePerturbation;
import org.hepgraph.transforms.augment.FeatureMask;
import org.hepgraph.transforms.augment.GraphAugmentation;
import org.hepgraph.transforms.augment.NodeDrop;

/**
 * The {@code graphcl} detector: a {@link GraphCL} encoder trained with {@link NtXent} on two
 * augmented views of every training graph, scoring a graph by the {@link KnnDistance} of its
 * embedding to the training embeddings.
 *
 * <p>{@link #fit} builds the encoder for the graphs' feature width, initialises it from the
 * training seed, standardises features with the training split's statistics, and trains through
 * {@link TrainingLoop} with {@link BatchSource#twoViews} (each view: node dropping, then edge
 * perturbation, then feature masking with the training mean, so a masked node standardises to 0).
 * It then embeds every graph given to {@code fit} (validation split included) into the reference
 * bank that {@link #score} compares with; the bank is saved with the weights, so a loaded detector
 * scores identically. Scores are computed in batches of {@value ModelDetector#SCORE_BATCH}.
 */
final class GraphCLDetector extends ModelDetector<GraphCLConfig, GraphCL> {

    private NDArray bank;

    GraphCLDetector(GraphCLConfig config, Device device) {
        super(config, device);
    }

    /** A fitted detector read from {@code weights}: DJL's parameter stream, then the bank. */
    static GraphCLDetector load(
            GraphCLConfig config, int inChannels, InputStream weights, Device device)
            throws IOException {
        GraphCLDetector d = new GraphCLDetector(config, device);
        d.readWeights(inChannels, config.training().seed(), weights);
        return d;
    }

    @Override
    protected GraphCL newModel(NDManager manager, int inChannels) {
        GraphCL m = new GraphCL(inChannels, config.hidden(), config.layers(), config.aggregation());
        m.initialize(manager);
        return m;
    }

    @Override
    protected void readExtra(DataInputStream dis) throws IOException {
        int rows = dis.readInt();
        int cols = dis.readInt();
        if (rows < config.neighbours() || cols != model.embeddingWidth()) {
            throw new ModelFormatException(
                    "graphcl: the saved embedding bank is ["
                            + rows
                            + ", "
                            + cols
                            + "] but the config needs at least neighbours = "
                            + config.neighbours()
                            + " rows of "
                            + model.embeddingWidth()
                            + " values; save the model again");
        }
        float[] values = new float[Math.multiplyExact(rows, cols)];
        for (int i = 0; i < values.length; i++) {
            values[i] = dis.readFloat();
        }
        bank = manager.create(values, new Shape(rows, cols));
    }

    @Override
    public TrainingHistory fit(List<Graph> normalGraphs, TrainingListener... listeners) {
        if (normalGraphs.size() < Math.max(2, config.neighbours())) {
            throw new InvalidArgumentException(
                    "graphcl.fit: got "
                            + normalGraphs.size()
                            + " training graph(s) but the score averages over the neighbours = "
                            + config.neighbours()
                            + " nearest training graphs; give at least "
                            + Math.max(2, config.neighbours())
                            + " graphs or lower neighbours (--set neighbours=...)");
        }
        build(normalGraphs.get(0).numFeatures(), config.training().seed());
        float[][] fill = new float[1][];
        Objective<Views> objective =
                new Objective<>() {
                    @Override
                    public void beforeTraining(NDManager scope, List<Graph> train) {
                        FeatureStats stats = FeatureStats.of(train);
                        model.scaling().set(stats);
                        fill[0] = stats.mean();
                    }

                    @Override
                    public NDArray lossPerGraph(Views views, boolean training) {
                        return model.contrastiveLoss(
                                ps, views.first(), views.second(), config.temperature(), training);
                    }
                };
        // The fill (the training mean) is known only once beforeTraining has run, before the
        // first view is drawn.
        BatchSource<Views> views =
                (scope, graphs, random) ->
                        BatchSource.twoViews(augmentation(fill[0])::apply)
                                .batch(scope, graphs, random);
        TrainingHistory history =
                new TrainingLoop(config.training())
                        .fit(
                                manager,
                                normalGraphs,
                                objective,
                                views,
                                List.of(
                                        ParameterGroup.adamTrainable(
                                                kind(), model, config.training().lr())),
                                Arrays.asList(listeners));
        bank = embedAll(normalGraphs);
        return history;
    }

    /** Node dropping, edge perturbation and feature masking at the config's rates, in turn. */
    private GraphAugmentation augmentation(float[] maskFill) {
        return GraphAugmentation.compose(
                new NodeDrop(config.nodeDrop()),
                new EdgePerturbation(config.edgeDrop(), config.edgeAdd()),
                new FeatureMask(config.featureMask(), maskFill));
    }

    /** Embeddings {@code [M, D]} of {@code graphs}, owned by the detector's manager. */
    private NDArray embedAll(List<Graph> graphs) {
        List<float[]> parts = new ArrayList<>();
        int width = model.embeddingWidth();
        for (int from = 0; from < graphs.size(); from += SCORE_BATCH) {
            int to = Math.min(graphs.size(), from + SCORE_BATCH);
            try (NDManager scope = manager.newSubManager()) {
                GraphBatch batch = GraphBatch.of(scope, graphs.subList(from, to));
                parts.add(model.embed(ps, batch, false).toFloatArray());
            }
        }
        float[] all = new float[graphs.size() * width];
        int offset = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, offset, p.length);
            offset += p.length;
        }
        return manager.create(all, new Shape(graphs.size(), width));
    }

    @Override
    protected NDArray scoreBatch(GraphBatch b) {
        return KnnDistance.meanDistance(model.embed(ps, b, false), bank, config.neighbours());
    }

    @Override
    protected boolean fitted() {
        return bank != null;
    }

    /** The manager that holds the weights and the bank (for memory checks in tests). */
    NDManager manager() {
        return manager;
    }

    /** The reference embeddings {@code [M, D]} (a copy), for inspection and tests. */
    float[] bankCopy() {
        requireFitted("bank");
        return bank.toFloatArray();
    }

    @Override
    protected void saveExtra(DataOutputStream dos) throws IOException {
        Shape s = bank.getShape();
        dos.writeInt((int) s.get(0));
        dos.writeInt((int) s.get(1));
        for (float v : bank.toFloatArray()) {
            dos.writeFloat(v);
        }
    }

    @Override
    public void close() {
        super.close();
        bank = null;
    }
}
