package org.hepgraph.detectors.gin;

import java.util.List;
import java.util.Map;
import org.hepgraph.detectors.DetectorOption;
import org.hepgraph.models.GraphAnomalyModel;
import org.hepgraph.models.OCGIN;
import org.hepgraph.train.TrainingConfig;

/** Registry entry {@code ocgin}: {@link OCGIN} with an {@link OcginConfig}. */
public final class OcginFactory extends GinFactory<OcginConfig> {

    public OcginFactory() {
        super(OcginConfig.class);
    }

    @Override
    public String kind() {
        return OcginConfig.KIND;
    }

    @Override
    public String displayName() {
        return "OCGIN";
    }

    @Override
    public String description() {
        return "GIN encoder trained with the Deep SVDD one-class loss; score = squared distance of"
                + " the graph embedding to the training centre (Zhao & Akoglu 2023)";
    }

    @Override
    public List<DetectorOption> options() {
        return OcginConfig.OPTIONS;
    }

    @Override
    public OcginConfig config(Map<String, String> settings) {
        return OcginConfig.from(settings);
    }

    @Override
    protected TrainingConfig training(OcginConfig c) {
        return c.training();
    }

    @Override
    protected GraphAnomalyModel architecture(OcginConfig c, int inChannels) {
        return new OCGIN(
                inChannels, c.hidden(), c.layers(), GinOptions.aggregation(c.aggregation()));
    }
}
