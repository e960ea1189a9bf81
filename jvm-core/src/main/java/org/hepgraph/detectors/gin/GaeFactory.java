package org.hepgraph.detectors.gin;

import java.util.List;
import java.util.Map;
import org.hepgraph.detectors.DetectorOption;
import org.hepgraph.models.GraphAnomalyModel;
import org.hepgraph.models.GraphAutoencoder;
import org.hepgraph.train.TrainingConfig;

/** Registry entry {@code gae}: {@link GraphAutoencoder} with a {@link GaeConfig}. */
public final class GaeFactory extends GinFactory<GaeConfig> {

    public GaeFactory() {
        super(GaeConfig.class);
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
    public List<DetectorOption> options() {
        return GaeConfig.OPTIONS;
    }

    @Override
    public GaeConfig config(Map<String, String> settings) {
        return GaeConfig.from(settings);
    }

    @Override
    protected TrainingConfig training(GaeConfig c) {
        return c.training();
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
