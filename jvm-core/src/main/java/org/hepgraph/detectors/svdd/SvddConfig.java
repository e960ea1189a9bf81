package org.hepgraph.detectors.svdd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.detectors.DetectorOption;
import org.hepgraph.detectors.Settings;
import org.hepgraph.detectors.TrainedConfig;
import org.hepgraph.detectors.TrainingOptions;
import org.hepgraph.train.TrainingConfig;

/**
 * The config of an {@code svdd} detector.
 *
 * @param encoder the encoder as a {@link org.hepgraph.nn.LayerSpecs} JSON array; empty for the
 *     default, a 2-layer GIN of width 32 (ReLU between) on the training graphs' feature width
 * @param readout how node embeddings become one graph embedding when the encoder has no pool step:
 *     {@code add} (default, as OCGIN), {@code mean} or {@code max}; ignored when it has one
 * @param training how it trains ({@link TrainingConfig#DEFAULTS})
 */
public record SvddConfig(String encoder, String readout, TrainingConfig training)
        implements TrainedConfig {

    public static final String KIND = "svdd";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final DetectorOption ENCODER =
            new DetectorOption(
                    "encoder",
                    "",
                    "the encoder as a JSON layer spec (what hepgraph.from_pyg sends; Python:"
                            + " encoder=hg.from_pyg(module)); empty: a 2-layer GIN of width 32");
    static final DetectorOption READOUT =
            new DetectorOption(
                    "readout",
                    "add",
                    "add, mean or max: how node embeddings are pooled per graph when the encoder"
                            + " has no pool layer");

    /** Every option, in order: the encoder's, then training's. */
    public static final List<DetectorOption> OPTIONS = TrainingOptions.with(ENCODER, READOUT);

    public SvddConfig {
        encoder = encoder == null ? "" : encoder.trim();
        if (!encoder.isEmpty()) {
            inWidth(encoder);
        }
        readout = readout == null ? "" : readout.toLowerCase(Locale.ROOT);
        if (!List.of("add", "mean", "max").contains(readout)) {
            throw new InvalidArgumentException(
                    KIND
                            + ": option readout='"
                            + readout
                            + "' is invalid; it must be add, mean or max");
        }
    }

    /** The config {@code settings} describe, defaults for the rest; see {@link #OPTIONS}. */
    public static SvddConfig from(Map<String, String> settings) {
        Settings s = new Settings(KIND, settings, OPTIONS);
        return new SvddConfig(
                s.text("encoder"),
                s.choice("readout", "add", "mean", "max"),
                TrainingOptions.read(s));
    }

    /** The encoder spec for node features of width {@code inChannels} (the default when empty). */
    String spec(int inChannels) {
        if (!encoder.isEmpty()) {
            return encoder;
        }
        return "[{\"type\":\"GINConv\",\"in\":"
                + inChannels
                + ",\"nn\":{\"type\":\"MLP\",\"channels\":["
                + inChannels
                + ",32,32]}},{\"type\":\"act\",\"name\":\"relu\"},"
                + "{\"type\":\"GINConv\",\"in\":32,\"nn\":{\"type\":\"MLP\",\"channels\":[32,32,32]}}]";
    }

    /**
     * The node-feature width the first layer of {@code spec} takes ({@code in}, or an MLP's first
     * channel); refuses what is not a non-empty JSON array of layer objects.
     */
    static int inWidth(String spec) {
        JsonNode n;
        try {
            n = MAPPER.readTree(spec);
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException(
                    KIND + ": option encoder is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (n == null || !n.isArray() || n.isEmpty() || !n.get(0).isObject()) {
            throw new InvalidArgumentException(
                    KIND
                            + ": option encoder must be a non-empty JSON array of layers (e.g."
                            + " from hepgraph.from_pyg), got "
                            + abbreviate(spec));
        }
        JsonNode first = n.get(0);
        if (first.has("in") && first.get("in").canConvertToInt()) {
            return first.get("in").asInt();
        }
        if (first.has("channels") && first.get("channels").isArray()) {
            return first.get("channels").get(0).asInt();
        }
        throw new InvalidArgumentException(
                KIND
                        + ": the encoder's first layer must be a graph layer with 'in' or an MLP"
                        + " with 'channels', got "
                        + abbreviate(first.toString()));
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("encoder", encoder);
        m.put("readout", readout);
        m.putAll(TrainingOptions.write(training));
        return m;
    }
}
