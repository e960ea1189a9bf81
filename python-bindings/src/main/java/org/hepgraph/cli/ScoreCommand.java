package org.hepgraph.cli;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.data.Graph;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.DetectorIO;
import org.hepgraph.metrics.RocCurve;
import org.hepgraph.train.Devices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Scores the test graphs of a dataset with a saved model; prints the AUC and writes a CSV. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = "Score graphs with a saved model.")
final class ScoreCommand implements Callable<Integer> {

    @Option(
            names = {"-m", "--model"},
            defaultValue = "model.hgmodel",
            description = "A model saved by 'train' (default: ${DEFAULT-VALUE}).")
    Path model;

    @Mixin DatasetOptions data;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Seed of the dataset split (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--csv",
            defaultValue = "scores.csv",
            description = "Per-graph scores (default: ${DEFAULT-VALUE}).")
    Path csv;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(model)) {
            throw new DataFormatException(
                    "score: model file "
                            + model.toAbsolutePath()
                            + " does not exist; train one with 'hepgraph train -o "
                            + model
                            + "'");
        }
        DatasetSpec spec = data.load(seed);
        float[] scores;
        try (InputStream in = Files.newInputStream(model);
                AnomalyDetector d = DetectorIO.load(in, Devices.preferred(), model.toString())) {
            scores = d.score(spec.test());
        }
        int[] labels = spec.test().stream().mapToInt(Graph::y).toArray();
        StringBuilder sb = new StringBuilder("index,label,score\n");
        for (int i = 0; i < scores.length; i++) {
            sb.append(i).append(',').append(labels[i]).append(',').append(scores[i]).append('\n');
        }
        Files.writeString(csv, sb);
        RocCurve roc = RocCurve.of(scores, labels);
        System.out.printf(
                Locale.ROOT,
                "scored %d graphs of %s: AUC %.4f, TPR at FPR 1e-2 %.4f; wrote %s%n",
                scores.length,
                spec.name(),
                roc.auc(),
                roc.tprAtFpr(1e-2),
                csv.toAbsolutePath());
        return 0;
    }
}
