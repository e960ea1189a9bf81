package org.hepgraph.detectors.gin;

import org.hepgraph.models.GraphAnomalyModel;
import org.hepgraph.models.GraphAutoencoder;

/** Registry entry {@code gae}: {@link GraphAutoencoder} with a {@link GaeConfig}. */
public final class GaeFactory extends GinFactory<GaeConfig> {

    public GaeFactory() {
        super(GaeConfig.class, GaeConfig.OPTIONS, GaeConfig::from);
    }

    @Override
    public String kind() {
        return GaeConfig.KIND;
    }

    @Override
    public String displayName() {
        return "Graph AE";
    }

    @Override
    public String description() {
        return "graph autoencoder: GIN encoder to a narrow latent space, MLP decoder of the node"
                + " features; score = mean squared reconstruction error of the graph's nodes";
    }

    @Override
    protected GraphAnomalyModel architecture(GaeConfig c, int inChannels) {
        return new GraphAutoencoder(
                inChannels,
                c.hidden(),
                c.layers(),
                c.latent(),
                GinOptions.aggregation(c.aggregation()));
    }
}
