package org.hepgraph.cli;

import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.hepgraph.datasets.ChunkedDataset;
import org.hepgraph.datasets.GraphRecipe;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.DetectorIO;
import org.hepgraph.experiments.ChunkedScorer;
import org.hepgraph.metrics.RocCurve;
import org.hepgraph.train.Devices;
import org.hepgraph.train.ProgressBar;

/**
 * {@code score} for a source that streams ({@link ChunkedDataset}): every row is read, built into
 * graphs, scored and written {@code chunkRows} at a time, so that only one chunk's graphs are in
 * memory (the loop is {@link ChunkedScorer}, shared with Python's {@code Detector.score_file}). The
 * CSV equals the one scoring the whole set at once, up to float rounding (scores do not depend on
 * the batch otherwise: standardisation lives in the model); the ROC is computed at the end from the
 * per-row labels and scores ({@code 8} bytes per row).
 */
record ChunkedScoring(Path model, Path csv, int chunkRows, Integer trainLabel) {

    int run(ChunkedDataset data, GraphRecipe recipe, Map<String, String> meta) throws Exception {
        if (recipe != null) {
            recipe.checkCompatible(data.recipe(), model.toString());
        }
        long n = ChunkedScorer.requireRows(data);
        ChunkedScorer scorer;
        try (InputStream in = Files.newInputStream(model);
                AnomalyDetector d = DetectorIO.load(in, Devices.preferred(), model.toString());
                Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            scorer = new ChunkedScorer(data, d, w, chunkRows, trainLabel);
            ProgressBar bar = new ProgressBar(System.err, "score", Math.max(1, n));
            while (scorer.step()) {
                bar.update(scorer.done(), scorer.scored() + " graphs");
            }
        }
        System.out.printf(
                Locale.ROOT,
                "scored %d graphs of %s in chunks of %d rows; wrote %s%n",
                scorer.scored(),
                data.uri(),
                chunkRows,
                csv.toAbsolutePath());
        if (scorer.nothingScored() != null) {
            throw scorer.nothingScored();
        }
        RocCurve roc = scorer.roc();
        if (roc != null) {
            ScoreCommand.printRoc(roc, data.uri().equals(meta.get("provenance.dataset")));
        } else if (!scorer.labelled()) {
            System.out.println("no ROC curve: " + data.uri() + " has no labels");
        } else {
            System.out.println(
                    "no ROC curve: the scored rows do not hold both normal and anomalous labels");
        }
        return 0;
    }
}
