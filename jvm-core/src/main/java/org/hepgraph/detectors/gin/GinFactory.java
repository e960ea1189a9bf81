package org.hepgraph.detectors.gin;

import ai.djl.Device;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.DetectorChecks;
import org.hepgraph.detectors.DetectorConfig;
import org.hepgraph.detectors.DetectorFactory;
import org.hepgraph.detectors.DetectorOption;
import org.hepgraph.detectors.TrainedConfig;
import org.hepgraph.models.GraphAnomalyModel;

/**
 * What the factories of the kinds whose model is a {@link GraphAnomalyModel} share (ocgin, gae,
 * glocalkd, imageae): they differ only in their config record, its options and the architecture it
 * builds; creating and loading go through {@link GinDetector}.
 *
 * @param <C> the kind's config record
 */
public abstract class GinFactory<C extends TrainedConfig> implements DetectorFactory {

    private final Class<C> configType;
    private final List<DetectorOption> options;
    private final Function<Map<String, String>, C> parse;

    /**
     * @param configType the kind's config record
     * @param options every option of the kind, in order (what {@link #options()} gives)
     * @param parse the config of some settings, defaults for the rest (what {@link #config} gives)
     */
    protected GinFactory(
            Class<C> configType,
            List<DetectorOption> options,
            Function<Map<String, String>, C> parse) {
        this.configType = configType;
        this.options = options;
        this.parse = parse;
    }

    @Override
    public final List<DetectorOption> options() {
        return options;
    }

    @Override
    public final C config(Map<String, String> settings) {
        return parse.apply(settings);
    }

    /** The uninitialised model of {@code config} for node features of width {@code inChannels}. */
    protected abstract GraphAnomalyModel architecture(C config, int inChannels);

    /**
     * The uninitialised model a detector of {@code config} trains, for node features of width
     * {@code inChannels} (what {@link #create} builds; for parity traces that drive the model
     * directly).
     */
    public final GraphAnomalyModel model(DetectorConfig config, int inChannels) {
        return architecture(expect(config), inChannels);
    }

    /** {@code config} as the kind's record, or an error naming both kinds. */
    protected C expect(DetectorConfig config) {
        return GinOptions.expect(this, config, configType);
    }

    @Override
    public AnomalyDetector create(DetectorConfig config, Device device) {
        C c = expect(config);
        return new GinDetector(c, c.training(), f -> architecture(c, f), device);
    }

    @Override
    public AnomalyDetector load(Map<String, String> savedConfig, InputStream weights, Device device)
            throws IOException {
        Map<String, String> saved = new LinkedHashMap<>(savedConfig);
        int inChannels = DetectorChecks.takeInChannels(kind(), saved);
        C c = config(saved);
        return GinDetector.load(
                c, c.training(), f -> architecture(c, f), inChannels, weights, device);
    }
}
