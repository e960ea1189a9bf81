package org.hepgraph.detectors.gin;

import java.util.List;
import java.util.Map;
import org.hepgraph.detectors.DetectorOption;
import org.hepgraph.detectors.Settings;
import org.hepgraph.detectors.TrainedConfig;
import org.hepgraph.detectors.TrainingOptions;
import org.hepgraph.train.TrainingConfig;

/**
 * The config of an {@link org.hepgraph.models.OCGIN} detector.
 *
 * @param hidden width of every GIN layer (default 32)
 * @param layers number of GIN layers (default 3)
 * @param aggregation {@code sum} (default, as published) or {@code mean}
 * @param training how it trains ({@link TrainingConfig#DEFAULTS})
 */
public record OcginConfig(int hidden, int layers, String aggregation, TrainingConfig training)
        implements TrainedConfig {

    public static final String KIND = "ocgin";

    /** Every option, in order: the architecture's, then training's. */
    public static final List<DetectorOption> OPTIONS =
            TrainingOptions.with(GinOptions.HIDDEN, GinOptions.LAYERS, GinOptions.AGGREGATION);

    /** The defaults. */
    public static final OcginConfig DEFAULTS = from(Map.of());

    public OcginConfig {
        GinOptions.checkWidths(KIND, hidden, layers);
        aggregation = GinOptions.checkAggregation(KIND, aggregation);
    }

    /** The config {@code settings} describe, defaults for the rest; see {@link #OPTIONS}. */
    public static OcginConfig from(Map<String, String> settings) {
        Settings s = new Settings(KIND, settings, OPTIONS);
        return new OcginConfig(
                GinOptions.hidden(s),
                GinOptions.layers(s),
                s.choice("aggregation", "sum", "mean"),
                TrainingOptions.read(s));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = GinOptions.widths(hidden, layers);
        m.put("aggregation", aggregation);
        m.putAll(TrainingOptions.write(training));
        return m;
    }
}
