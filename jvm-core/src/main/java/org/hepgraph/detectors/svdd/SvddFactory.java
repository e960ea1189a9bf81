package org.hepgraph.detectors.svdd;

import ai.djl.Device;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.DetectorChecks;
import org.hepgraph.detectors.DetectorConfig;
import org.hepgraph.detectors.DetectorFactory;
import org.hepgraph.detectors.DetectorOption;

/** Registry entry {@code svdd}: {@link SvddDetector} with an {@link SvddConfig}. */
public final class SvddFactory implements DetectorFactory {

    @Override
    public String kind() {
        return SvddConfig.KIND;
    }

    @Override
    public String displayName() {
        return "Deep SVDD (own encoder)";
    }

    @Override
    public String description() {
        return "Deep SVDD one-class loss around an encoder you give as a layer spec (e.g. a PyG"
                + " module through hepgraph.from_pyg); score = squared distance of the pooled graph"
                + " embedding to the training centre (Ruff et al. 2018)";
    }

    @Override
    public List<DetectorOption> options() {
        return SvddConfig.OPTIONS;
    }

    @Override
    public SvddConfig config(Map<String, String> settings) {
        return SvddConfig.from(settings);
    }

    @Override
    public AnomalyDetector create(DetectorConfig config, Device device) {
        return new SvddDetector(DetectorChecks.expect(kind(), config, SvddConfig.class), device);
    }

    @Override
    public AnomalyDetector load(Map<String, String> savedConfig, InputStream weights, Device device)
            throws IOException {
        Map<String, String> saved = new LinkedHashMap<>(savedConfig);
        int inChannels = DetectorChecks.takeInChannels(kind(), saved);
        return SvddDetector.load(config(saved), inChannels, weights, device);
    }
}
