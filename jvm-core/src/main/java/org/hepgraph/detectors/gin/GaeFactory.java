package org.hepgraph.detectors.gin;

import ai.djl.Device;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.DetectorConfig;
import org.hepgraph.detectors.DetectorFactory;
import org.hepgraph.detectors.DetectorOption;
import org.hepgraph.models.GraphAutoencoder;

/** Registry entry {@code gae}: {@link GraphAutoencoder} with an {@link GaeConfig}. */
public final class GaeFactory implements DetectorFactory {

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
    public AnomalyDetector create(DetectorConfig config, Device device) {
        GaeConfig c = GinOptions.expect(this, config, GaeConfig.class);
        return new GinDetector(c, c.training(), f -> architecture(c, f), device);
    }

    @Override
    public AnomalyDetector load(Map<String, String> savedConfig, InputStream weights, Device device)
            throws IOException {
        Map<String, String> saved = new LinkedHashMap<>(savedConfig);
        int inChannels = GinOptions.takeInChannels(kind(), saved);
        GaeConfig c = config(saved);
        return GinDetector.load(
                c, c.training(), f -> architecture(c, f), inChannels, weights, device);
    }

    private static GraphAutoencoder architecture(GaeConfig c, int inChannels) {
        return new GraphAutoencoder(
                inChannels,
                c.hidden(),
                c.layers(),
                c.latent(),
                GinOptions.aggregation(c.aggregation()));
    }
}
