package org.hepgraph.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hepgraph.HepgraphException;
import org.hepgraph.report.MarkdownTable;

/**
 * The figures of one {@link Benchmark} run: the AUC of every detector kind on every fold.
 *
 * <p>{@link #mean} and {@link #std} are over folds ({@code std} is the population standard
 * deviation, dividing by the number of folds, as GLocalKD reports it). {@link #toJson()} and {@link
 * #toMarkdown()} give the same figures for machines and for people.
 *
 * @param dataset the data set's URI, e.g. {@code tu:AIDS}
 * @param protocol how it was split, e.g. {@code GLOCALKD}
 * @param seed the seed of the split
 * @param version the hepgraph version that ran it
 * @param settings each kind's full config ({@code DetectorConfig.toMap()}), in run order
 * @param aucs each kind's AUC per fold, in fold order
 */
public record BenchmarkResult(
        String dataset,
        String protocol,
        long seed,
        String version,
        Map<String, Map<String, String>> settings,
        Map<String, List<Double>> aucs) {

    public BenchmarkResult {
        settings = copy(settings);
        Map<String, List<Double>> a = new LinkedHashMap<>();
        aucs.forEach((k, v) -> a.put(k, List.copyOf(v)));
        aucs = Collections.unmodifiableMap(a);
    }

    /** Number of folds. */
    public int folds() {
        return aucs.values().stream().mapToInt(List::size).max().orElse(0);
    }

    /** Mean AUC of {@code kind} over folds. */
    public double mean(String kind) {
        return aucs.get(kind).stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElse(Double.NaN);
    }

    /** Population standard deviation of {@code kind}'s AUC over folds. */
    public double std(String kind) {
        List<Double> v = aucs.get(kind);
        double m = mean(kind);
        return Math.sqrt(
                v.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / Math.max(1, v.size()));
    }

    /** {@code "0.8123 ± 0.0150"}. */
    public String meanStd(String kind) {
        return String.format(Locale.ROOT, "%.4f ± %.4f", mean(kind), std(kind));
    }

    /** One row per kind: dataset, model, AUC mean ± std, folds. */
    public MarkdownTable toMarkdown() {
        List<List<String>> rows = new ArrayList<>();
        for (String kind : aucs.keySet()) {
            rows.add(
                    List.of(dataset, kind, meanStd(kind), Integer.toString(aucs.get(kind).size())));
        }
        return new MarkdownTable(List.of("dataset", "model", "AUC mean ± std", "folds"), rows);
    }

    /**
     * The figures as pretty-printed JSON: {@code dataset, protocol, hepgraph, folds, seed, settings
     * {kind: {key: value}}, auc {kind: {mean, std, per_fold [...]}}}.
     */
    public String toJson() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("dataset", dataset);
        root.put("protocol", protocol);
        root.put("hepgraph", version);
        root.put("folds", folds());
        root.put("seed", seed);
        ObjectNode s = root.putObject("settings");
        settings.forEach(
                (kind, map) -> {
                    ObjectNode k = s.putObject(kind);
                    map.forEach(k::put);
                });
        ObjectNode auc = root.putObject("auc");
        for (String kind : aucs.keySet()) {
            ObjectNode k = auc.putObject(kind);
            k.put("mean", mean(kind));
            k.put("std", std(kind));
            ArrayNode perFold = k.putArray("per_fold");
            aucs.get(kind).forEach(perFold::add);
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new HepgraphException("HG-ARG", "BenchmarkResult: cannot write JSON: " + e, e);
        }
    }

    private static Map<String, Map<String, String>> copy(Map<String, Map<String, String>> m) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        return Collections.unmodifiableMap(out);
    }
}
