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
import org.hepgraph.models.OCGIN;

/** Registry entry {@code ocgin}: {@link OCGIN} with an {@link OcginConfig}. */
public final class OcginFactory implements DetectorFactory {

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
    public AnomalyDetector create(DetectorConfig config, Device device) {
        OcginConfig c = GinOptions.expect(this, config, OcginConfig.class);
        return new GinDetector(c, c.training(), f -> architecture(c, f), device);
    }

    @Override
    public AnomalyDetector load(Map<String, String> savedConfig, InputStream weights, Device device)
            throws IOException {
        Map<String, String> saved = new LinkedHashMap<>(savedConfig);
        int inChannels = GinOptions.takeInChannels(kind(), saved);
        OcginConfig c = config(saved);
        return GinDetector.load(
                c, c.training(), f -> architecture(c, f), inChannels, weights, device);
    }

    private static OCGIN architecture(OcginConfig c, int inChannels) {
        return new OCGIN(
                inChannels, c.hidden(), c.layers(), GinOptions.aggregation(c.aggregation()));
    }
}
