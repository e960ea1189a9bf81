package org.hepgraph.detectors.glocalkd;

import java.util.Locale;
import java.util.Map;
import org.hepgraph.detectors.TrainedConfig;
import org.hepgraph.detectors.TrainingOptions;
import org.hepgraph.detectors.gin.GinOptions;
import org.hepgraph.detectors.glocalkd.GLocalKD.Pooling;
import org.hepgraph.nn.Edges.Aggregation;
import org.hepgraph.train.TrainingConfig;

/**
 * The settings of a {@code glocalkd} detector; see {@link GLocalKDFactory} for every option and
 * default.
 *
 * @param hidden width of every GIN layer of teacher and student
 * @param layers GIN layers
 * @param aggregation how a GIN layer combines neighbours (SUM for sparse molecules, MEAN for jets)
 * @param pooling graph readout of the node embeddings (default SUM; GLocalKD: MAX)
 * @param nodeWeight λ, the weight of the node-level distillation term (GLocalKD: 1)
 * @param training the shared training settings
 */
public record GLocalKDConfig(
        int hidden,
        int layers,
        Aggregation aggregation,
        Pooling pooling,
        float nodeWeight,
        TrainingConfig training)
        implements TrainedConfig {

    @Override
    public String kind() {
        return GLocalKDFactory.KIND;
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = GinOptions.widths(hidden, layers);
        m.put("aggregation", GinOptions.text(aggregation));
        m.put("pooling", pooling.name().toLowerCase(Locale.ROOT));
        m.put("nodeWeight", Float.toString(nodeWeight));
        m.putAll(TrainingOptions.write(training));
        return m;
    }
}
