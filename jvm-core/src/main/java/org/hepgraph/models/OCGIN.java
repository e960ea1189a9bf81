package org.hepgraph.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import java.util.ArrayList;
import java.util.List;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.nn.GlobalPool;

/**
 * OCGIN: a GIN encoder trained with the Deep SVDD one-class objective (Zhao and Akoglu, "On Using
 * Classification Datasets to Evaluate Graph Outlier Detection: Peculiar Observations and New
 * Insights", Big Data 2023; Ruff et al., "Deep One-Class Classification", ICML 2018).
 *
 * <pre>
 *   z_G = ‖_l Σ_{i ∈ G} h_i^(l)             (sum readout of every GIN layer, concatenated;
 *                                           a mean with aggregation "mean")
 *   loss(G) = score(G) = ‖ z_G − c ‖²
 * </pre>
 *
 * The centre {@code c} is the mean embedding of the training graphs under the initial weights,
 * fixed before training (coordinates closer to 0 than 0.1 are pushed to ±0.1, as Deep SVDD does, so
 * that no coordinate can be matched by zeroing weights).
 */
public final class OCGIN extends GraphAnomalyModel {

    private final Aggregation aggregation;
    private final GinEncoder encoder;
    private final Parameter center;

    /**
     * @param inChannels node features F
     * @param hidden width of every GIN layer
     * @param layers number of GIN layers
     * @param aggregation how GIN layers combine neighbours and how a graph is read out ({@code SUM}
     *     as published; {@code MEAN} keeps activations bounded on dense kNN jet graphs)
     */
    public OCGIN(int inChannels, int hidden, int layers, Aggregation aggregation) {
        super(inChannels);
        this.aggregation = aggregation;
        int[] widths = new int[layers];
        java.util.Arrays.fill(widths, hidden);
        encoder = addChildBlock("encoder", new GinEncoder(aggregation, inChannels, widths));
        center = addParameter(constant("center", encoder.totalWidth(), Initializer.ZEROS));
    }

    /** Graph embeddings {@code z [B, layers · hidden]}. */
    public NDArray embed(ParameterStore ps, GraphBatch batch, boolean training) {
        NDArray x = scaledFeatures(ps, batch, training);
        List<NDArray> pooled = new ArrayList<>();
        for (NDArray h : encoder.embed(ps, x, batch.edgeIndex(), training)) {
            pooled.add(
                    aggregation == Aggregation.MEAN
                            ? GlobalPool.mean(h, batch)
                            : GlobalPool.add(h, batch));
        }
        return NDArrays.concat(new ai.djl.ndarray.NDList(pooled), 1);
    }

    @Override
    public NDArray lossPerGraph(ParameterStore ps, GraphBatch batch, boolean training) {
        NDArray z = embed(ps, batch, training);
        NDArray c = ps.getValue(center, z.getDevice(), training);
        return z.sub(c).square().sum(new int[] {1});
    }

    @Override
    public void beforeTraining(ParameterStore ps, Iterable<GraphBatch> trainingBatches) {
        float[] sum = new float[encoder.totalWidth()];
        long count = 0;
        for (GraphBatch batch : trainingBatches) {
            float[] z =
                    embed(ps, batch, false)
                            .sum(new int[] {0})
                            .toType(DataType.FLOAT32, false)
                            .toFloatArray();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += z[i];
            }
            count += batch.numGraphs();
        }
        for (int i = 0; i < sum.length; i++) {
            float c = count == 0 ? 0f : sum[i] / count;
            sum[i] = Math.abs(c) < 0.1f ? (c < 0 ? -0.1f : 0.1f) : c;
        }
        setValues(center, sum);
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, new Shape(1, inChannels), new Shape(2, 1));
    }
}
