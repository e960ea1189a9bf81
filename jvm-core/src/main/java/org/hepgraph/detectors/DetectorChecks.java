package org.hepgraph.detectors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.HepgraphException.ModelFormatException;
import org.hepgraph.data.Graph;

/**
 * Checks that every detector kind makes, in the same words: a config of the right kind, the saved
 * feature width, a fitted detector, the feature width of graphs to score.
 */
public final class DetectorChecks {

    private DetectorChecks() {}

    /**
     * {@code config} as {@code type}, or an error naming both kinds and how to build the right one.
     */
    public static <C extends DetectorConfig> C expect(
            String kind, DetectorConfig config, Class<C> type) {
        if (type.isInstance(config)) {
            return type.cast(config);
        }
        throw new InvalidArgumentException(
                kind
                        + ": got a config of kind '"
                        + (config == null ? "null" : config.kind())
                        + "'; create it with Detectors.factory(\""
                        + kind
                        + "\").config(settings)");
    }

    /**
     * The feature width {@code inChannels} that {@link AnomalyDetector#savedConfig()} recorded,
     * removed from {@code saved} so that the rest is the kind's own options.
     */
    public static int takeInChannels(String kind, Map<String, String> saved) {
        String v = saved.remove("inChannels");
        try {
            int f = Integer.parseInt(v);
            if (f > 0) {
                return f;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ModelFormatException(
                kind + ": the saved config's inChannels is '" + v + "', not a positive integer");
    }

    /**
     * {@code config}'s options followed by the fitted feature width {@code inChannels}: what {@link
     * AnomalyDetector#savedConfig()} records and {@link #takeInChannels} reads back.
     */
    public static Map<String, String> savedConfig(DetectorConfig config, int inChannels) {
        Map<String, String> m = new LinkedHashMap<>(config.toMap());
        m.put("inChannels", Integer.toString(inChannels));
        return m;
    }

    /** Refuses to {@code what} (score, save) before the detector has been fitted. */
    public static void requireFitted(String kind, String what, boolean fitted) {
        if (!fitted) {
            throw new InvalidArgumentException(
                    kind + "." + what + ": the detector is not fitted; call fit(graphs) first");
        }
    }

    /** Refuses graphs whose node-feature width is not the one the detector was fitted on. */
    public static void checkFeatureWidth(String who, List<Graph> graphs, int fitted) {
        for (int i = 0; i < graphs.size(); i++) {
            if (graphs.get(i).numFeatures() != fitted) {
                throw new InvalidGraphException(
                        who
                                + ": graph "
                                + i
                                + " has "
                                + graphs.get(i).numFeatures()
                                + " node features but the detector was fitted on "
                                + fitted
                                + "; build the graphs the way the training graphs were built");
            }
        }
    }
}
