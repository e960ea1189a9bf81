package org.hepgraph.models;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * Everything needed to rebuild a model's architecture: saved with the weights and read back by
 * {@link ModelIO}.
 *
 * @param kind which detector ({@code ocgin} or {@code gae})
 * @param inChannels node features F
 * @param hidden width of the GIN layers
 * @param layers number of GIN layers
 * @param latent width of the autoencoder's bottleneck (unused by OCGIN)
 * @param seed the seed that initialised the weights
 * @param aggregation {@code sum} (GIN as published) or {@code mean}: how GIN layers combine
 *     neighbours and how OCGIN reads a graph out. {@code mean} keeps activations bounded on dense
 *     graphs such as kNN jets (k = 16), where sums grow as k^layers
 */
public record ModelConfig(
        String kind,
        int inChannels,
        int hidden,
        int layers,
        int latent,
        long seed,
        String aggregation) {

    /** A config with {@code sum} aggregation. */
    public ModelConfig(String kind, int inChannels, int hidden, int layers, int latent, long seed) {
        this(kind, inChannels, hidden, layers, latent, seed, "sum");
    }

    public ModelConfig {
        kind = kind.toLowerCase(Locale.ROOT);
        if (!kind.equals(OCGIN.KIND) && !kind.equals(GraphAutoencoder.KIND)) {
            throw new InvalidArgumentException(
                    "ModelConfig: unknown model kind '"
                            + kind
                            + "'; use '"
                            + OCGIN.KIND
                            + "' or '"
                            + GraphAutoencoder.KIND
                            + "'");
        }
        aggregation = aggregation.toLowerCase(Locale.ROOT);
        if (!aggregation.equals("sum") && !aggregation.equals("mean")) {
            throw new InvalidArgumentException(
                    "ModelConfig: aggregation must be 'sum' or 'mean', got '" + aggregation + "'");
        }
        if (inChannels <= 0 || hidden <= 0 || layers <= 0 || latent <= 0) {
            throw new InvalidArgumentException(
                    String.format(
                            "ModelConfig: inChannels, hidden, layers and latent must be > 0, got "
                                    + "%d, %d, %d, %d",
                            inChannels, hidden, layers, latent));
        }
    }

    /** Defaults that work for jets and TU molecules: 2 GIN layers of 32, latent 4. */
    public static ModelConfig defaults(String kind, int inChannels, long seed) {
        return new ModelConfig(kind, inChannels, 32, 2, 4, seed);
    }

    /** Whether GIN layers and readouts average instead of summing. */
    public boolean meanAggregation() {
        return aggregation.equals("mean");
    }

    /** The config as ordered key/value pairs (for saving and reports). */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("inChannels", Integer.toString(inChannels));
        m.put("hidden", Integer.toString(hidden));
        m.put("layers", Integer.toString(layers));
        m.put("latent", Integer.toString(latent));
        m.put("seed", Long.toString(seed));
        m.put("aggregation", aggregation);
        return m;
    }

    /** Reads a config written by {@link #toMap()}; names the missing or malformed key. */
    public static ModelConfig fromMap(Map<String, String> m) {
        return new ModelConfig(
                require(m, "kind"),
                Integer.parseInt(require(m, "inChannels")),
                Integer.parseInt(require(m, "hidden")),
                Integer.parseInt(require(m, "layers")),
                Integer.parseInt(require(m, "latent")),
                Long.parseLong(require(m, "seed")),
                m.getOrDefault("aggregation", "sum"));
    }

    private static String require(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new InvalidArgumentException(
                    "ModelConfig: key '"
                            + key
                            + "' is missing; the saved config holds "
                            + m.keySet());
        }
        return v;
    }

    /** Builds the model this config describes (weights not yet initialised). */
    public GraphAnomalyModel build() {
        return kind.equals(OCGIN.KIND) ? new OCGIN(this) : new GraphAutoencoder(this);
    }
}
