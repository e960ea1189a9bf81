package org.hepgraph.detectors.gin;

import org.hepgraph.models.GraphAnomalyModel;
import org.hepgraph.models.OCGIN;

/** Registry entry {@code ocgin}: {@link OCGIN} with an {@link OcginConfig}. */
public final class OcginFactory extends GinFactory<OcginConfig> {

    public OcginFactory() {
        super(OcginConfig.class, OcginConfig.OPTIONS, OcginConfig::from);
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
    protected GraphAnomalyModel architecture(OcginConfig c, int inChannels) {
        return new OCGIN(
                inChannels, c.hidden(), c.layers(), GinOptions.aggregation(c.aggregation()));
    }
}
