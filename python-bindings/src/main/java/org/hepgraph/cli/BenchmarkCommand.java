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
import org.hepgraph.experiments.Fold;
import org.hepgraph.experiments.Splits;
import org.hepgraph.io.DatasetSources;
import org.hepgraph.io.OutputFiles;
import org.hepgraph.metrics.RocCurve;
import org.hepgraph.models.GraphAutoencoder;
import org.hepgraph.models.OCGIN;
import org.hepgraph.report.MarkdownTable;
import org.hepgraph.train.Detector;
import org.hepgraph.train.Devices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Graph-level anomaly detection on a TU dataset under the GLocalKD protocol: K stratified folds,
 * training on the normal graphs of the training part only, AUC on the test part. Beside each model
 * stands a size-only baseline (a graph's node count's distance from the training graphs' mean
 * count) so that what a model learns beyond graph size is visible. Hyperparameters are fixed in
 * advance (the command's defaults): nothing is selected on test folds.
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
            description = "ocgin, gae or all (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--json", description = "Also write the figures to this JSON file.")
    Path json;

    @Mixin ModelOptions options;

    @Override
    public Integer call() throws Exception {
        if (json != null) {
            OutputFiles.checkWritableFile(json, "--json");
        }
        if (!dataset.startsWith("tu:")) {
            throw new InvalidArgumentException(
                    "benchmark: --dataset must be tu:NAME (e.g. tu:AIDS), got '" + dataset + "'");
        }
        String name = dataset.substring(3);
        List<String> kinds =
                switch (model) {
                    case "all" -> List.of(OCGIN.KIND, GraphAutoencoder.KIND);
                    case OCGIN.KIND, GraphAutoencoder.KIND -> List.of(model);
                    default ->
                            throw new InvalidArgumentException(
                                    "benchmark: --model must be ocgin, gae or all, got '"
                                            + model
                                            + "'");
                };
        PrintStream log = System.out;
        List<Fold> splits =
                Splits.folds(
                        DatasetSources.open(dataset, Map.of()),
                        new Splits.Options(folds, options.seed, null, null));
        Map<String, List<Double>> aucs = new LinkedHashMap<>();
        for (String kind : kinds) {
            aucs.put(kind, new ArrayList<>());
        }
        aucs.put("size-only", new ArrayList<>());
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
                int features = fold.train().get(0).numFeatures();
                try (Detector d =
                        Detector.create(
                                options.config(kind, features, "sum"), Devices.preferred())) {
                    options.trainer(System.err).fit(d, fold.train());
                    double auc = RocCurve.of(d.score(fold.test(), 256), labels).auc();
                    aucs.get(kind).add(auc);
                    log.printf(Locale.ROOT, "  %-9s AUC %.4f%n", kind, auc);
                }
            }
            double sizeAuc = RocCurve.of(sizeScores(fold), labels).auc();
            aucs.get("size-only").add(sizeAuc);
            log.printf(Locale.ROOT, "  %-9s AUC %.4f%n", "size-only", sizeAuc);
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
            Files.writeString(json, toJson(name, splits.size(), aucs));
            log.println("wrote " + json.toAbsolutePath());
        }
        return 0;
    }

    /** The size-only baseline: |n − mean n of the training graphs|. */
    static float[] sizeScores(Fold fold) {
        double mean = fold.train().stream().mapToInt(Graph::numNodes).average().orElse(0);
        float[] s = new float[fold.test().size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) Math.abs(fold.test().get(i).numNodes() - mean);
        }
        return s;
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

    private String toJson(String name, int numFolds, Map<String, List<Double>> aucs) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append(
                String.format(
                        Locale.ROOT,
                        "  \"dataset\": \"%s\",%n  \"hepgraph\": \"%s\",%n  \"folds\": %d,%n  \"seed\": %d,%n",
                        name,
                        org.hepgraph.models.ModelIO.version(),
                        numFolds,
                        options.seed));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "  \"settings\": {\"hidden\": %d, \"layers\": %d, \"latent\": %d, \"epochs\": %d, \"batch_size\": %d, \"lr\": %s, \"patience\": %d, \"aggregation\": \"%s\"},%n",
                        options.hidden,
                        options.layers,
                        options.latent,
                        options.epochs,
                        options.batchSize,
                        options.learningRate,
                        options.patience,
                        options.aggregation == null ? "sum" : options.aggregation));
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
