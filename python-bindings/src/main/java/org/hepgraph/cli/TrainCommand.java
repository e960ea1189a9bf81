package org.hepgraph.cli;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hepgraph.data.DatasetHash;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.DetectorFactory;
import org.hepgraph.detectors.DetectorIO;
import org.hepgraph.detectors.Detectors;
import org.hepgraph.experiments.Splits;
import org.hepgraph.io.OutputFiles;
import org.hepgraph.train.Devices;
import org.hepgraph.train.ProgressListener;
import org.hepgraph.train.TrainingHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains a detector on the normal graphs of a dataset and saves it. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train a detector on normal graphs and save it.")
final class TrainCommand implements Callable<Integer> {

    @Mixin DatasetOptions data;

    @Option(
            names = "--model",
            defaultValue = "ocgin",
            description =
                    "A detector kind; 'hepgraph models' lists them (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
            names = {"-o", "--output"},
            defaultValue = "model.hgmodel",
            description = "Where to save the model (default: ${DEFAULT-VALUE}).")
    Path output;

    @Mixin DetectorOptions options;

    @Override
    public Integer call() throws Exception {
        OutputFiles.checkWritableFile(output, "-o");
        DatasetSpec spec = data.load(options.seed);
        DetectorFactory factory = Detectors.factory(model);
        Map<String, String> settings =
                options.settings(factory, Map.of("aggregation", data.defaultAggregation()), true);
        try (AnomalyDetector d = Detectors.create(model, settings, Devices.preferred())) {
            TrainingHistory h =
                    d.fit(spec.train(), new ProgressListener(System.err, "train " + d.kind()));
            try (OutputStream out = Files.newOutputStream(output)) {
                Map<String, String> meta = new LinkedHashMap<>(spec.dataset().recipe().toMap());
                meta.putAll(
                        Map.of(
                                "provenance.dataset", spec.name(),
                                "provenance.dataset.fold", Integer.toString(data.fold),
                                "provenance.dataset.sha256", DatasetHash.of(spec.train()),
                                "provenance.trainer.epochs", Integer.toString(h.epochs()),
                                "provenance.trainer.best_epoch", Integer.toString(h.bestEpoch()),
                                "provenance.trainer.seed", Long.toString(options.seed)));
                Splits.Options split = data.splitOptions(options.seed);
                meta.put("provenance.split.folds", Integer.toString(split.folds()));
                meta.put("provenance.split.seed", Long.toString(split.seed()));
                if (data.trainRows != null) {
                    meta.put("provenance.dataset.train_rows", data.trainRows);
                }
                if (data.trainLabel != null) {
                    meta.put("provenance.dataset.train_label", data.trainLabel.toString());
                }
                DetectorIO.save(d, meta, out);
            }
            System.out.printf(
                    "trained %s on %d graphs (%d epochs, best %d); saved %s%n",
                    factory.kind(),
                    spec.train().size(),
                    h.epochs(),
                    h.bestEpoch() + 1,
                    output.toAbsolutePath());
        }
        return 0;
    }
}
