package org.hepgraph.datasets;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.ModelFormatException;

/**
 * How a data set's rows became graphs: written into a saved model's metadata at training time, so
 * that {@code score} rebuilds graphs the same way and refuses data whose feature layout differs.
 * Feature standardisation is not part of it: it lives inside the model.
 *
 * <p>Keys ({@link #toMap()}): {@code recipe.source} (the scheme, e.g. {@code h5}), {@code
 * recipe.dataset} (the URI), {@code recipe.k} (kNN neighbours; 0 when the graphs come ready-made,
 * as TU graphs do), {@code recipe.node_features} (e.g. {@code relative}, {@code tu-onehot}), {@code
 * recipe.features} (the node feature names, comma separated) and {@code recipe.width}.
 *
 * @param source the scheme of the data set, e.g. {@code toy}, {@code tu}, {@code h5}
 * @param dataset the URI it was opened from
 * @param k kNN neighbours in ΔR, or 0 when no kNN graph is built
 * @param nodeFeatures the node-feature set, e.g. {@code relative}
 * @param featureNames the names of the columns of {@code x}, in order
 */
public record GraphRecipe(
        String source, String dataset, int k, String nodeFeatures, List<String> featureNames) {

    /** The prefix of every key in {@link #toMap()}. */
    public static final String PREFIX = "recipe.";

    public GraphRecipe {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(nodeFeatures, "nodeFeatures");
        featureNames = List.copyOf(featureNames);
    }

    /** The width of {@code x}. */
    public int width() {
        return featureNames.size();
    }

    /**
     * The neighbourhood aggregation that suits these graphs: {@code sum} for ready-made sparse
     * graphs (TU molecules, as published), {@code mean} for dense kNN graphs, whose sums over k
     * neighbours grow as k^layers.
     */
    public String suggestedAggregation() {
        return k > 0 ? "mean" : "sum";
    }

    /** The recipe as metadata entries, every key starting with {@value #PREFIX}. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PREFIX + "source", source);
        m.put(PREFIX + "dataset", dataset);
        m.put(PREFIX + "k", Integer.toString(k));
        m.put(PREFIX + "node_features", nodeFeatures);
        m.put(PREFIX + "features", String.join(",", featureNames));
        m.put(PREFIX + "width", Integer.toString(width()));
        return m;
    }

    /**
     * The recipe stored in a model's metadata, or empty for a model saved before recipes existed.
     * Keys may carry a prefix added by the model writer (e.g. {@code provenance.recipe.k}).
     *
     * @throws ModelFormatException if the entries are there but inconsistent
     */
    public static Optional<GraphRecipe> fromMap(Map<String, String> metadata) {
        Map<String, String> r = new LinkedHashMap<>();
        metadata.forEach(
                (key, v) -> {
                    int at = key.indexOf(PREFIX);
                    if (at == 0 || (at > 0 && key.charAt(at - 1) == '.')) {
                        r.put(key.substring(at + PREFIX.length()), v);
                    }
                });
        if (!r.containsKey("source")) {
            return Optional.empty();
        }
        try {
            String features = r.getOrDefault("features", "");
            List<String> names =
                    features.isEmpty() ? List.of() : Arrays.asList(features.split(",", -1));
            GraphRecipe recipe =
                    new GraphRecipe(
                            r.get("source"),
                            r.getOrDefault("dataset", r.get("source")),
                            Integer.parseInt(r.getOrDefault("k", "0")),
                            r.getOrDefault("node_features", "unknown"),
                            names);
            int width = Integer.parseInt(r.getOrDefault("width", Integer.toString(names.size())));
            if (width != names.size()) {
                throw new ModelFormatException(
                        "GraphRecipe: recipe.width is "
                                + width
                                + " but "
                                + names.size()
                                + " feature names are stored; the model file is corrupt, train"
                                + " it again");
            }
            return Optional.of(recipe);
        } catch (NumberFormatException e) {
            throw new ModelFormatException(
                    "GraphRecipe: a stored number is not an integer ("
                            + e.getMessage()
                            + "); the model file is corrupt, train it again",
                    e);
        }
    }

    /**
     * Refuses {@code data} unless its graphs have this recipe's layout: the same kNN {@code k}, the
     * same node-feature set and the same feature names (hence width). The data set's name may
     * differ (score other files built the same way).
     *
     * @param model names the model in the message, e.g. its file
     * @throws InvalidArgumentException naming both layouts and the fix
     */
    public void checkCompatible(GraphRecipe data, String model) {
        String problem = null;
        String fix = null;
        if (!nodeFeatures.equals(data.nodeFeatures) || !featureNames.equals(data.featureNames)) {
            problem =
                    String.format(
                            "the model was trained on %s with %d %s node features %s, but %s has"
                                    + " %d %s node features %s",
                            dataset,
                            width(),
                            nodeFeatures,
                            abbreviate(featureNames),
                            data.dataset,
                            data.width(),
                            data.nodeFeatures,
                            abbreviate(data.featureNames));
            fix = "score data of the kind the model was trained on, or train a model on this data";
        } else if (k != data.k) {
            problem =
                    String.format(
                            "the model's graphs were built with k = %d neighbours but %s was built"
                                    + " with k = %d",
                            k, data.dataset, data.k);
            fix = "score with --k " + k + " (or leave --k out: the model's k is the default)";
        }
        if (problem != null) {
            throw new InvalidArgumentException(
                    "score: " + model + " refuses the data: " + problem + "; " + fix);
        }
    }

    private static String abbreviate(List<String> names) {
        if (names.size() <= 8) {
            return names.toString();
        }
        return "[" + String.join(", ", names.subList(0, 6)) + ", ... " + names.getLast() + "]";
    }

    @Override
    public String toString() {
        return String.format(
                "GraphRecipe(%s, %s, k=%d, %s, width=%d)",
                source, dataset, k, nodeFeatures, width());
    }
}
