package org.hepgraph.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.detectors.DetectorFactory;
import org.hepgraph.detectors.Detectors;
import org.hepgraph.experiments.Benchmark;
import org.hepgraph.experiments.BenchmarkResult;
import org.hepgraph.experiments.Splits;
import org.hepgraph.io.DatasetSources;
import org.hepgraph.io.OutputFiles;
import org.hepgraph.train.Devices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Parses the arguments of a {@link Benchmark} (folds × detector kinds × baselines, mean ± std AUC)
 * and prints its table; the experiment itself lives in the library. TU sets use the GLocalKD
 * protocol, labelled files stratified k-fold, the toy set and Tox21 their given split.
 */
@Command(
        name = "benchmark",
        mixinStandardHelpOptions = true,
        description = "Mean ± std AUC over folds, for detector kinds beside baselines.")
final class BenchmarkCommand implements Callable<Integer> {

    @Option(
            names = "--dataset",
            required = true,
            description = "tu:NAME (e.g. tu:AIDS, tu:Tox21_HSE), a labelled h5:FILE, or toy.")
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

    @Option(names = "--k", description = "kNN neighbours for jet data sets (default: 16).")
    Integer k;

    @Mixin DetectorOptions options;

    @Override
    public Integer call() throws Exception {
        if (json != null) {
            OutputFiles.checkWritableFile(json, "--json");
        }
        List<String> kinds =
                Benchmark.kinds(
                        List.of(model.split(",")),
                        baselines.equals("none") ? List.of() : List.of(baselines.split(",")));
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
        Dataset ds =
                DatasetSources.open(
                        dataset,
                        k == null
                                ? Map.of("seed", Long.toString(options.seed))
                                : Map.of("seed", Long.toString(options.seed), "k", k.toString()));
        Benchmark.Builder b =
                Benchmark.builder()
                        .setDataset(
                                ds,
                                Splits.crossValidation(
                                        ds, new Splits.Options(folds, options.seed, null, null)))
                        .optDevice(Devices.preferred())
                        .optSeed(options.seed)
                        .optLog(System.out)
                        .optProgress(System.err);
        for (String kind : kinds) {
            DetectorFactory f = Detectors.factory(kind);
            b.addDetector(
                    kind,
                    options.settings(
                            f,
                            Map.of("aggregation", ds.recipe().suggestedAggregation()),
                            kinds.size() == 1));
        }
        BenchmarkResult result = b.build().run();
        PrintStream log = System.out;
        log.println();
        log.println(result.toMarkdown().render());
        if (json != null) {
            Files.writeString(json, result.toJson());
            log.println("wrote " + json.toAbsolutePath());
        }
        return 0;
    }
}
