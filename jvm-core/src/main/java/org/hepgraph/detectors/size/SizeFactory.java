package org.hepgraph.detectors.size;

import ai.djl.Device;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.DetectorConfig;
import org.hepgraph.detectors.DetectorFactory;
import org.hepgraph.detectors.DetectorOption;
import org.hepgraph.detectors.Settings;

/** Registry entry {@code size}: the {@link SizeDetector} baseline. */
public final class SizeFactory implements DetectorFactory {

    @Override
    public String kind() {
        return SizeConfig.KIND;
    }

    @Override
    public String displayName() {
        return "size-only";
    }

    @Override
    public String description() {
        return "baseline without training: score = |node count − mean node count of the training"
                + " graphs|";
    }

    @Override
    public List<DetectorOption> options() {
        return List.of();
    }

    @Override
    public SizeConfig config(Map<String, String> settings) {
        new Settings(kind(), settings, options());
        return new SizeConfig();
    }

    @Override
    public AnomalyDetector create(DetectorConfig config, Device device) {
        if (!(config instanceof SizeConfig c)) {
            throw new InvalidArgumentException(
                    "size: create() needs a SizeConfig, got "
                            + (config == null ? "null" : config.getClass().getSimpleName()));
        }
        return new SizeDetector(c);
    }

    @Override
    public AnomalyDetector load(Map<String, String> savedConfig, InputStream weights, Device device)
            throws IOException {
        return SizeDetector.load(config(savedConfig), weights);
    }
}
