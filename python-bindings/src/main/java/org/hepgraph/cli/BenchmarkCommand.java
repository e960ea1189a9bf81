package org.hepgraph.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.DetectorFactory;
import org.hepgraph.detectors.DetectorIO;
import org.hepgraph.detectors.Detectors;
import org.hepgraph.io.tu.AnomalySplit;
import org.hepgraph.io.tu.AnomalySplit.Fold;
import org.hepgraph.metrics.RocCurve;
import org.hepgraph.report.MarkdownTable;
import org.hepgraph.train.Devices;
import org.hepgraph.train.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Graph-level anomaly detection on a TU dataset under the GLocalKD protocol: K stratified folds,
 * training on the normal graphs of the training part only, AUC on the test part, for every detector
 * kind asked for (any registered kind, looked up in the registry). Beside them stand baseline kinds
 * (default: the size-only baseline, a graph's node count's distance from the training graphs' mean
 * count) so that what a model learns beyond graph size is visible. Hyperparameters are fixed in
 * advance (the kinds' defaults and --set): nothing is selected on test folds.
 */
@Command(
        name = "benchmark",
        mixinStandardHelpOptions = true,
        description = "Mean ± std AUC over folds of a TU dataset, beside a size-only baseline.")
final class BenchmarkCommand implements Callable<Integer> {

    @Option(
            names = "--dataset",
            required = true,
            description =
                    "tu:NAME, e.g. tu:AIDS or tu:Tox21_HSE (read from $HEPGRAPH_DATA/tudataset-glad).")
    String dataset;

    @Option(
            names = "--folds",
            defaultValue = "5",
            description =
                    "Stratified folds (default: ${DEFAULT-VALUE}; Tox21 sets use their own train/test split).")
    int folds;

    @Option(
            names = "--model",
            defaultValue = "all",
            description =
                    "all, or a comma-separated list of detector kinds ('hepgraph models' lists"
                            + " them; default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
            names = "--baselines",
            defaultValue = "size",
            description =
                    "Detector kinds always run beside --model, comma-separated, or none"
                            + " (default: ${DEFAULT-VALUE}).")
    String baselines;

    @Option(names = "--json", description = "Also write the figures to this JSON file.")
    Path json;

    @Mixin DetectorOptions options;

    @Override
    public Integer call() throws Exception {
        if (!dataset.startsWith("tu:")) {
            throw new InvalidArgumentException(
                    "benchmark: --dataset must be tu:NAME (e.g. tu:AIDS), got '" + dataset + "'");
        }
        String name = dataset.substring(3);
        List<String> kinds = new ArrayList<>();
        List<String> asked = model.equals("all") ? Detectors.kinds() : List.of(model.split(","));
        for (String k : asked) {
            kinds.add(Detectors.factory(k).kind());
        }
        if (!baselines.equals("none")) {
            for (String k : baselines.split(",")) {
                String kind = Detectors.factory(k).kind();
                if (!kinds.contains(kind)) {
                    kinds.add(kind);
                }
            }
        }
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        for (String kind : kinds) {
            DetectorFactory f = Detectors.factory(kind);
            // Validates every kind's settings before the first fold trains.
            settings.put(
                    kind,
                    f.config(options.settings(f, Map.of("aggregation", "sum"), kinds.size() == 1))
                            .toMap());
        }
        for (String key : options.set.keySet()) {
            if (Detectors.all().stream()
                    .filter(f -> kinds.contains(f.kind()))
                    .noneMatch(f -> f.options().stream().anyMatch(o -> o.key().equals(key)))) {
                throw new InvalidArgumentException(
                        "benchmark: --set "
                                + key
                                + " is an option of none of "
                                + String.join(", ", kinds)
                                + "; see 'hepgraph models'");
            }
        }
        PrintStream log = System.out;
        List<Fold> splits = AnomalySplit.forName(name, folds, options.seed);
        Map<String, List<Double>> aucs = new LinkedHashMap<>();
        for (String kind : kinds) {
            aucs.put(kind, new ArrayList<>());
        }
        for (Fold fold : splits) {
            int[] labels = fold.test().stream().mapToInt(Graph::y).toArray();
            log.printf(
                    Locale.ROOT,
                    "%s fold %d/%d: %d normal training graphs, %d test graphs (%d anomalies)%n",
                    name,
                    fold.index() + 1,
                    splits.size(),
                    fold.train().size(),
                    fold.test().size(),
                    fold.numTestAnomalies());
            for (String kind : kinds) {
                try (AnomalyDetector d =
                        Detectors.create(kind, settings.get(kind), Devices.preferred())) {
                    d.fit(fold.train(), new ProgressListener(System.err, "train " + kind));
                    double auc = RocCurve.of(d.score(fold.test()), labels).auc();
                    aucs.get(kind).add(auc);
                    log.printf(Locale.ROOT, "  %-9s AUC %.4f%n", kind, auc);
                }
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, List<Double>> e : aucs.entrySet()) {
            rows.add(
                    List.of(
                            name,
                            e.getKey(),
                            meanStd(e.getValue()),
                            Integer.toString(e.getValue().size())));
        }
        log.println();
        log.println(
                new MarkdownTable(List.of("dataset", "model", "AUC mean ± std", "folds"), rows)
                        .render());
        if (json != null) {
            Files.writeString(json, toJson(name, splits.size(), settings, aucs));
            log.println("wrote " + json.toAbsolutePath());
        }
        return 0;
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double std(List<Double> v) {
        double m = mean(v);
        return Math.sqrt(
                v.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / Math.max(1, v.size()));
    }

    private static String meanStd(List<Double> v) {
        return String.format(Locale.ROOT, "%.4f ± %.4f", mean(v), std(v));
    }

    private String toJson(
            String name,
            int numFolds,
            Map<String, Map<String, String>> settings,
            Map<String, List<Double>> aucs) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append(
                String.format(
                        Locale.ROOT,
                        "  \"dataset\": \"%s\",%n  \"hepgraph\": \"%s\",%n  \"folds\": %d,%n  \"seed\": %d,%n",
                        name,
                        DetectorIO.version(),
                        numFolds,
                        options.seed));
        sb.append("  \"settings\": {\n");
        int k = 0;
        for (Map.Entry<String, Map<String, String>> e : settings.entrySet()) {
            List<String> pairs = new ArrayList<>();
            e.getValue().forEach((key, v) -> pairs.add("\"" + key + "\": \"" + v + "\""));
            sb.append("    \"")
                    .append(e.getKey())
                    .append("\": {")
                    .append(String.join(", ", pairs))
                    .append(++k < settings.size() ? "},\n" : "}\n");
        }
        sb.append("  },\n");
        sb.append("  \"auc\": {\n");
        int i = 0;
        for (Map.Entry<String, List<Double>> e : aucs.entrySet()) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "    \"%s\": {\"mean\": %.6f, \"std\": %.6f, \"per_fold\": %s}%s%n",
                            e.getKey(),
                            mean(e.getValue()),
                            std(e.getValue()),
                            e.getValue().stream()
                                    .map(x -> String.format(Locale.ROOT, "%.6f", x))
                                    .toList(),
                            ++i < aucs.size() ? "," : ""));
        }
        return sb.append("  }\n}\n").toString();
    }
}
