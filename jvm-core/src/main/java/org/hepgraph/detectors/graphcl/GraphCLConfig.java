package org.hepgraph.detectors.graphcl;

import java.util.Map;
import org.hepgraph.detectors.TrainedConfig;
import org.hepgraph.detectors.TrainingOptions;
import org.hepgraph.detectors.gin.GinOptions;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.train.TrainingConfig;

/**
 * The settings of a {@code graphcl} detector; see {@link GraphCLFactory} for every option and
 * default.
 *
 * @param hidden width of every GIN layer
 * @param layers GIN layers (the embedding has {@code layers · hidden} values)
 * @param aggregation SUM (with sum readout) or MEAN (with mean readout)
 * @param nodeDrop fraction of nodes each view drops, [0, 1)
 * @param edgeDrop fraction of edges each view drops, [0, 1)
 * @param edgeAdd fraction of edges (relative to E) each view adds at random, [0, 1)
 * @param featureMask fraction of nodes whose features each view masks, [0, 1)
 * @param temperature τ of the NT-Xent loss
 * @param neighbours k of the kNN-distance score: training embeddings it averages over
 * @param training the shared training settings
 */
public record GraphCLConfig(
        int hidden,
        int layers,
        Aggregation aggregation,
        double nodeDrop,
        double edgeDrop,
        double edgeAdd,
        double featureMask,
        float temperature,
        int neighbours,
        TrainingConfig training)
        implements TrainedConfig {

    @Override
    public String kind() {
        return GraphCLFactory.KIND;
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = GinOptions.widths(hidden, layers);
        m.put("aggregation", GinOptions.text(aggregation));
        m.put("nodeDrop", Double.toString(nodeDrop));
        m.put("edgeDrop", Double.toString(edgeDrop));
        m.put("edgeAdd", Double.toString(edgeAdd));
        m.put("featureMask", Double.toString(featureMask));
        m.put("temperature", Float.toString(temperature));
        m.put("neighbours", Integer.toString(neighbours));
        m.putAll(TrainingOptions.write(training));
        return m;
    }
}
