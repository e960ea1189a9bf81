package org.hepgraph.detectors.imageae;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hepgraph.detectors.DetectorOption;
import org.hepgraph.detectors.Settings;
import org.hepgraph.detectors.TrainedConfig;
import org.hepgraph.detectors.TrainingOptions;
import org.hepgraph.train.TrainingConfig;

/**
 * The config of an {@link org.hepgraph.models.ImageAutoencoder} detector.
 *
 * @param filters channels of the first convolution (default 16; the second has twice as many)
 * @param latent width of the bottleneck (default 16)
 * @param hidden width of the decoder's hidden layer (default 128)
 * @param channels C of the images (default 1; 2 for the ML4SCI electron/photon images)
 * @param height H of the images, or 0 (default) for square images ({@code H = W = sqrt(features /
 *     C)})
 * @param training how it trains ({@link TrainingConfig#DEFAULTS})
 */
public record ImageAeConfig(
        int filters, int latent, int hidden, int channels, int height, TrainingConfig training)
        implements TrainedConfig {

    public static final String KIND = "imageae";

    static final int MAX = 4096;

    /** Every option, in order: the architecture's, then training's. */
    public static final List<DetectorOption> OPTIONS =
            TrainingOptions.with(
                    new DetectorOption(
                            "filters", "16", "channels of the first convolution, [1, 4096]"),
                    new DetectorOption("latent", "16", "width of the bottleneck, [1, 4096]"),
                    new DetectorOption("hidden", "128", "width of the decoder's hidden layer"),
                    new DetectorOption(
                            "channels",
                            "1",
                            "C of the images (x holds H·W·C pixels per image, [H, W, C] order)"),
                    new DetectorOption("height", "0", "H of the images; 0 = square (H = W)"));

    /** The config {@code settings} describe, defaults for the rest; see {@link #OPTIONS}. */
    public static ImageAeConfig from(Map<String, String> settings) {
        Settings s = new Settings(KIND, settings, OPTIONS);
        return new ImageAeConfig(
                s.intIn("filters", 1, MAX),
                s.intIn("latent", 1, MAX),
                s.intIn("hidden", 1, 1 << 16),
                s.intIn("channels", 1, MAX),
                s.intIn("height", 0, 1 << 16),
                TrainingOptions.read(s));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("filters", Integer.toString(filters));
        m.put("latent", Integer.toString(latent));
        m.put("hidden", Integer.toString(hidden));
        m.put("channels", Integer.toString(channels));
        m.put("height", Integer.toString(height));
        m.putAll(TrainingOptions.write(training));
        return m;
    }
}
