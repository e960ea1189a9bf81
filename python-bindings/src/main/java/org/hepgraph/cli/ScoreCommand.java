package org.hepgraph.cli;

import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.ModelFormatException;
import org.hepgraph.datasets.ChunkedDataset;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.datasets.GraphRecipe;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.DetectorIO;
import org.hepgraph.experiments.ScoreTable;
import org.hepgraph.io.DatasetSources;
import org.hepgraph.io.OutputFiles;
import org.hepgraph.metrics.RocCurve;
import org.hepgraph.train.Devices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Scores the graphs of a dataset with a saved model: every row of a user's file (the test part of a
 * TU fold or of the toy set), rebuilt with the model's graph recipe; writes a CSV with the file's
 * row index, id columns, label and score; prints AUC only when the data have labels.
 */
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
            description =
                    "Seed of the dataset split and of the toy generator (default: the model's, as"
                            + " it was trained).")
    Long seed;

    @Option(
            names = {"--csv", "--out"},
            defaultValue = "scores.csv",
            description = "Per-graph scores (default: ${DEFAULT-VALUE}).")
    Path csv;

    @Option(
            names = "--chunk-rows",
            defaultValue = "4096",
            description =
                    "Rows read, turned into graphs, scored and written at a time when the data"
                            + " source streams (adc2021:, toptag:, h5:, csv:, images:, graphs:,"
                            + " jetimages: over a streaming jet source), so that files larger"
                            + " than memory are scored (default: ${DEFAULT-VALUE}).")
    int chunkRows;

    @Override
    public Integer call() throws Exception {
        if (chunkRows < 1) {
            throw new InvalidArgumentException(
                    "--chunk-rows "
                            + chunkRows
                            + " is below 1; give the rows per chunk, e.g. 4096");
        }
        OutputFiles.checkReadableFile(
                model, "score: model file", "train one with 'hepgraph train -o " + model + "'");
        OutputFiles.checkWritableFile(csv, "--csv");
        Map<String, String> meta;
        try (InputStream in = Files.newInputStream(model)) {
            meta = DetectorIO.readMetadata(in, model.toString());
        }
        GraphRecipe recipe = GraphRecipe.fromMap(meta).orElse(null);
        // Rebuild the split the model was trained with unless told otherwise: the same folds and
        // seed put the same graphs in the test part (and regenerate the same toy jets).
        long splitSeed = seed != null ? seed : number(meta, "provenance.split.seed", 0);
        if (data.folds == null && meta.containsKey("provenance.split.folds")) {
            data.folds = (int) number(meta, "provenance.split.folds", 0);
        }
        if (data.fold == 0) {
            try (ChunkedDataset chunked =
                    DatasetSources.openChunked(
                            data.dataset, data.sourceOptions(splitSeed, recipe))) {
                if (chunked != null) {
                    return new ChunkedScoring(model, csv, chunkRows, data.trainLabel)
                            .run(chunked, recipe, meta);
                }
            }
        }
        DatasetSpec spec = DatasetSpec.open(data, splitSeed, recipe);
        if (recipe != null) {
            recipe.checkCompatible(spec.dataset().recipe(), model.toString());
        }
        float[] scores;
        try (InputStream in = Files.newInputStream(model);
                AnomalyDetector d = DetectorIO.load(in, Devices.preferred(), model.toString())) {
            scores = d.score(spec.test());
        }
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            ScoreTable.write(w, spec.dataset(), spec.fold(), scores);
        }
        System.out.printf(
                Locale.ROOT,
                "scored %d graphs of %s; wrote %s%n",
                scores.length,
                spec.name(),
                csv.toAbsolutePath());
        int[] labels = spec.fold().testLabels();
        if (spec.fold().labelled()
                && spec.fold().numTestAnomalies() > 0
                && spec.fold().numTestAnomalies() < labels.length) {
            printRoc(
                    RocCurve.of(scores, labels),
                    spec.name().equals(meta.get("provenance.dataset"))
                            && spec.dataset().protocol() == Dataset.Protocol.TRAIN_TEST);
        } else if (!spec.dataset().labelled()) {
            System.out.println("no ROC curve: " + spec.name() + " has no labels");
        } else {
            System.out.println(
                    "no ROC curve: the scored rows do not hold both normal and anomalous labels");
        }
        return 0;
    }

    private long number(Map<String, String> meta, String key, long dflt) {
        String v = meta.get(key);
        try {
            return v == null ? dflt : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ModelFormatException(
                    model
                            + ": "
                            + key
                            + " = '"
                            + v
                            + "' is not a number; the model file is"
                            + " corrupt, train it again");
        }
    }

    /**
     * Prints the AUC line of a labelled score table, and the warning that it is optimistic when
     * {@code trainedOnThese} (the model's training file is the one scored, rows not held out).
     */
    static void printRoc(RocCurve roc, boolean trainedOnThese) {
        System.out.printf(
                Locale.ROOT,
                "AUC %.4f, TPR at FPR 1e-2 %.4f%s (%d anomalies, %d normal)%n",
                roc.auc(),
                roc.tprAtFpr(1e-2),
                roc.lowStatisticsAtFpr(1e-2)
                        ? " (rests on fewer than " + RocCurve.MIN_NEGATIVES + " background events)"
                        : "",
                roc.numPositives(),
                roc.numNegatives());
        if (trainedOnThese) {
            System.out.println(
                    "note: the model was trained on rows of this file, and they are scored"
                            + " too, so this AUC is optimistic; hold rows out with"
                            + " --train-rows at training time and read the CSV");
        }
    }
}
