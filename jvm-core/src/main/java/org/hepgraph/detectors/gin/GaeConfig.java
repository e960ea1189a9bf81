package org.hepgraph.detectors.gin;

import java.util.List;
import java.util.Map;
import org.hepgraph.detectors.DetectorOption;
import org.hepgraph.detectors.Settings;
import org.hepgraph.detectors.TrainedConfig;
import org.hepgraph.detectors.TrainingOptions;
import org.hepgraph.train.TrainingConfig;

/**
 * The config of a {@link org.hepgraph.models.GraphAutoencoder} detector.
 *
 * @param hidden width of the GIN layers before the last and of the decoder (default 32)
 * @param layers number of GIN layers, the last of width {@code latent} (default 3)
 * @param latent width of the bottleneck (default 4)
 * @param aggregation {@code sum} (default) or {@code mean}
 * @param training how it trains ({@link TrainingConfig#DEFAULTS})
 */
public record GaeConfig(
        int hidden, int layers, int latent, String aggregation, TrainingConfig training)
        implements TrainedConfig {

    public static final String KIND = "gae";

    static final DetectorOption LATENT =
            new DetectorOption(
                    "latent", "4", "width of the bottleneck, [1, " + GinOptions.MAX_WIDTH + "]");

    /** Every option, in order: the architecture's, then training's. */
    public static final List<DetectorOption> OPTIONS =
            TrainingOptions.with(
                    GinOptions.HIDDEN, GinOptions.LAYERS, LATENT, GinOptions.AGGREGATION);

    /** The defaults. */
    public static final GaeConfig DEFAULTS = from(Map.of());

    public GaeConfig {
        GinOptions.checkWidths(KIND, hidden, layers);
        GinOptions.checkRange(KIND, "latent", latent, 1, GinOptions.MAX_WIDTH);
        aggregation = GinOptions.checkAggregation(KIND, aggregation);
    }

    /** The config {@code settings} describe, defaults for the rest; see {@link #OPTIONS}. */
    public static GaeConfig from(Map<String, String> settings) {
        Settings s = new Settings(KIND, settings, OPTIONS);
        return new GaeConfig(
                GinOptions.hidden(s),
                GinOptions.layers(s),
                s.intIn("latent", 1, GinOptions.MAX_WIDTH),
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
        m.put("latent", Integer.toString(latent));
        m.put("aggregation", aggregation);
        m.putAll(TrainingOptions.write(training));
        return m;
    }
}
