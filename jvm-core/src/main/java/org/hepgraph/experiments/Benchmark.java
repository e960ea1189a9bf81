package org.hepgraph.experiments;

import ai.djl.Device;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.DetectorFactory;
import org.hepgraph.detectors.DetectorIO;
import org.hepgraph.detectors.Detectors;
import org.hepgraph.metrics.RocCurve;
import org.hepgraph.train.Devices;
import org.hepgraph.train.ProgressListener;
import org.hepgraph.train.TrainingListener;

/**
 * Folds × detectors: every detector kind is fitted on each fold's normal training graphs and scored
 * on its test graphs; the result holds each kind's AUC per fold ({@link BenchmarkResult}).
 *
 * <p>Detectors come from the registry ({@link Detectors#create}), so a baseline (e.g. the size-only
 * {@code size} kind) is just another kind. Settings are fixed before the first fold (each kind's
 * config is validated up front): nothing is selected on test folds. Folds come from {@link Splits}
 * (GLocalKD's for TU sets).
 *
 * <pre>{@code
 * Dataset ds = DatasetSources.open("tu:AIDS", Map.of());
 * BenchmarkResult r = Benchmark.builder()
 *         .setDataset(ds, Splits.folds(ds, Splits.Options.defaults()))
 *         .addDetector("ocgin", Map.of())
 *         .addDetector("size", Map.of())
 *         .build()
 *         .run();
 * System.out.println(r.toMarkdown());
 * }</pre>
 *
 * Options: {@code optDevice} (default {@link Devices#preferred()}), {@code optSeed} (recorded in
 * the result, default 0), {@code optLog} (a line per fold and kind; default none), {@code
 * optProgress} (training progress bars; default none).
 */
public final class Benchmark {

    private final Dataset dataset;
    private final List<Fold> folds;
    private final Map<String, Map<String, String>> detectors;
    private final Device device;
    private final long seed;
    private final PrintStream log;
    private final PrintStream progress;

    private Benchmark(Builder b) {
        this.dataset = b.dataset;
        this.folds = List.copyOf(b.folds);
        this.detectors = new LinkedHashMap<>(b.detectors);
        this.device = b.device;
        this.seed = b.seed;
        this.log = b.log;
        this.progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The kinds to run: {@code models} ({@code ["all"]} for every registered graph kind, {@link
     * DetectorFactory.Input#GRAPHS}), then each of {@code baselines} not already there; unknown
     * kinds fail naming the registered ones.
     */
    public static List<String> kinds(List<String> models, List<String> baselines) {
        List<String> out = new ArrayList<>();
        List<String> asked =
                models.equals(List.of("all"))
                        ? Detectors.all().stream()
                                .filter(f -> f.input() == DetectorFactory.Input.GRAPHS)
                                .map(DetectorFactory::kind)
                                .toList()
                        : models;
        for (String k : asked) {
            String kind = Detectors.factory(k).kind();
            if (!out.contains(kind)) {
                out.add(kind);
            }
        }
        for (String k : baselines) {
            String kind = Detectors.factory(k).kind();
            if (!out.contains(kind)) {
                out.add(kind);
            }
        }
        return out;
    }

    /** Fits and scores every kind on every fold. */
    public BenchmarkResult run() {
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        Map<String, List<Double>> aucs = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> e : detectors.entrySet()) {
            // Validates every kind's settings before the first fold trains.
            configs.put(e.getKey(), Detectors.factory(e.getKey()).config(e.getValue()).toMap());
            aucs.put(e.getKey(), new ArrayList<>());
        }
        for (Fold fold : folds) {
            if (!fold.labelled()
                    || fold.numTestAnomalies() == 0
                    || fold.numTestAnomalies() == fold.test().size()) {
                throw new InvalidArgumentException(
                        String.format(
                                "Benchmark: fold %d of %s has %d test graphs with %d anomalies; an"
                                        + " AUC needs labelled normal and anomalous test graphs."
                                        + " Use fewer folds or a labelled data set",
                                fold.index(),
                                dataset.uri(),
                                fold.test().size(),
                                fold.numTestAnomalies()));
            }
            int[] labels = fold.testLabels();
            say(
                    "%s fold %d/%d: %d normal training graphs, %d test graphs (%d anomalies)%n",
                    dataset.uri(),
                    fold.index() + 1,
                    folds.size(),
                    fold.train().size(),
                    fold.test().size(),
                    fold.numTestAnomalies());
            for (String kind : detectors.keySet()) {
                try (AnomalyDetector d = Detectors.create(kind, detectors.get(kind), device)) {
                    TrainingListener[] listeners =
                            progress == null
                                    ? new TrainingListener[0]
                                    : new TrainingListener[] {
                                        new ProgressListener(progress, "train " + kind)
                                    };
                    d.fit(fold.train(), listeners);
                    double auc = RocCurve.of(d.score(fold.test()), labels).auc();
                    aucs.get(kind).add(auc);
                    say("  %-9s AUC %.4f%n", kind, auc);
                }
            }
        }
        return new BenchmarkResult(
                dataset.uri(),
                dataset.protocol().name(),
                seed,
                DetectorIO.version(),
                configs,
                aucs);
    }

    private void say(String format, Object... args) {
        if (log != null) {
            log.printf(Locale.ROOT, format, args);
        }
    }

    /** Builds a {@link Benchmark}; {@code setX} required, {@code optX} optional. */
    public static final class Builder {
        private Dataset dataset;
        private List<Fold> folds;
        private final Map<String, Map<String, String>> detectors = new LinkedHashMap<>();
        private Device device;
        private long seed;
        private PrintStream log;
        private PrintStream progress;

        private Builder() {}

        /** The data set and its folds (e.g. {@link Splits#folds}). */
        public Builder setDataset(Dataset dataset, List<Fold> folds) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
            this.folds = Objects.requireNonNull(folds, "folds");
            return this;
        }

        /** Adds a detector kind with its settings (defaults for keys left out). */
        public Builder addDetector(String kind, Map<String, String> settings) {
            detectors.put(Detectors.factory(kind).kind(), Map.copyOf(settings));
            return this;
        }

        public Builder optDevice(Device device) {
            this.device = device;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder optLog(PrintStream log) {
            this.log = log;
            return this;
        }

        public Builder optProgress(PrintStream progress) {
            this.progress = progress;
            return this;
        }

        public Benchmark build() {
            if (dataset == null || folds.isEmpty()) {
                throw new InvalidArgumentException(
                        "Benchmark: no data set or no folds; call setDataset(ds, Splits.folds(ds,"
                                + " options))");
            }
            if (detectors.isEmpty()) {
                throw new InvalidArgumentException(
                        "Benchmark: no detector; call addDetector(kind, settings) with one of "
                                + Detectors.kinds());
            }
            if (device == null) {
                device = Devices.preferred();
            }
            return new Benchmark(this);
        }
    }
}
