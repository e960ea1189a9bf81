package org.hepgraph.cli;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hepgraph.data.DatasetHash;
import org.hepgraph.io.OutputFiles;
import org.hepgraph.models.ModelIO;
import org.hepgraph.train.Detector;
import org.hepgraph.train.Devices;
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
            description = "ocgin or gae (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
            names = {"-o", "--output"},
            defaultValue = "model.hgmodel",
            description = "Where to save the model (default: ${DEFAULT-VALUE}).")
    Path output;

    @Mixin ModelOptions options;

    @Override
    public Integer call() throws Exception {
        OutputFiles.checkWritableFile(output, "-o");
        DatasetSpec spec = data.load(options.seed);
        try (Detector d =
                Detector.create(
                        options.config(
                                model,
                                spec.train().get(0).numFeatures(),
                                data.defaultAggregation()),
                        Devices.preferred())) {
            TrainingHistory h = options.trainer(System.err).fit(d, spec.train());
            try (OutputStream out = Files.newOutputStream(output)) {
                Map<String, String> meta = new LinkedHashMap<>(spec.dataset().recipe().toMap());
                meta.putAll(
                        Map.of(
                                "dataset", spec.name(),
                                "dataset.fold", Integer.toString(data.fold),
                                "dataset.train_rows", String.valueOf(data.trainRows),
                                "dataset.train_label", String.valueOf(data.trainLabel),
                                "dataset.sha256", DatasetHash.of(spec.train()),
                                "trainer.epochs", Integer.toString(h.epochs()),
                                "trainer.best_epoch", Integer.toString(h.bestEpoch()),
                                "trainer.seed", Long.toString(options.seed)));
                ModelIO.save(d, meta, out);
            }
            System.out.printf(
                    "trained %s on %d graphs (%d epochs, best %d); saved %s%n",
                    model,
                    spec.train().size(),
                    h.epochs(),
                    h.bestEpoch() + 1,
                    output.toAbsolutePath());
        }
        return 0;
    }
}
