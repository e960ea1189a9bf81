package org.hepgraph.cli;

import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.datasets.ChunkedDataset;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.datasets.GraphRecipe;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.detectors.DetectorIO;
import org.hepgraph.experiments.Fold;
import org.hepgraph.experiments.ScoreTable;
import org.hepgraph.metrics.RocCurve;
import org.hepgraph.train.Devices;
import org.hepgraph.train.ProgressBar;

/**
 * {@code score} for a source that streams ({@link ChunkedDataset}): every row is read, built into
 * graphs, scored and written {@code chunkRows} at a time, so that only one chunk's graphs are in
 * memory. The CSV equals the one scoring the whole set at once, up to float rounding (scores do not
 * depend on the batch otherwise: standardisation lives in the model); the ROC is computed at the
 * end from the per-row labels and scores ({@code 8} bytes per row).
 */
record ChunkedScoring(Path model, Path csv, int chunkRows, Integer trainLabel) {

    int run(ChunkedDataset data, GraphRecipe recipe, Map<String, String> meta) throws Exception {
        if (recipe != null) {
            recipe.checkCompatible(data.recipe(), model.toString());
        }
        long n = data.rowCount();
        if (n == 0) {
            throw new DataFormatException(
                    data.uri()
                            + " holds no rows (N = 0); there is nothing to score: give a file"
                            + " with at least one row");
        }
        float[] scores = new float[(int) Math.min(n, Integer.MAX_VALUE - 8)];
        int[] labels = new int[scores.length];
        int scored = 0;
        boolean labelled = false;
        int normal = trainLabel == null ? Fold.NORMAL : trainLabel;
        try (InputStream in = Files.newInputStream(model);
                AnomalyDetector d = DetectorIO.load(in, Devices.preferred(), model.toString());
                Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            ProgressBar bar = new ProgressBar(System.err, "score", Math.max(1, n));
            boolean header = false;
            for (long from = 0; from < n; from += chunkRows) {
                Dataset chunk = data.read(from, Math.min(n, from + chunkRows));
                if (!header) {
                    ScoreTable.writeHeader(w, chunk);
                    header = true;
                    labelled = chunk.labelled();
                    if (trainLabel != null && !labelled) {
                        throw new InvalidArgumentException(
                                "--train-label "
                                        + trainLabel
                                        + ": "
                                        + data.uri()
                                        + " has no labels; leave --train-label out");
                    }
                }
                float[] s = chunk.size() == 0 ? new float[0] : d.score(chunk.graphs());
                ScoreTable.writeRows(
                        w, chunk, java.util.stream.IntStream.range(0, s.length).toArray(), s);
                for (int i = 0; i < s.length; i++) {
                    scores[scored] = s[i];
                    labels[scored++] = !labelled ? -1 : chunk.labels()[i] == normal ? 0 : 1;
                }
                bar.update(Math.min(n, from + chunkRows), scored + " graphs");
            }
        }
        System.out.printf(
                Locale.ROOT,
                "scored %d graphs of %s in chunks of %d rows; wrote %s%n",
                scored,
                data.uri(),
                chunkRows,
                csv.toAbsolutePath());
        if (scored == 0) {
            throw new InvalidArgumentException(
                    data.uri()
                            + ": the row selection keeps none of the "
                            + n
                            + " rows, so nothing was scored; choose another split or leave it"
                            + " out");
        }
        float[] s = Arrays.copyOf(scores, scored);
        int[] y = Arrays.copyOf(labels, scored);
        long anomalies = Arrays.stream(y).filter(v -> v == 1).count();
        if (labelled && anomalies > 0 && anomalies < scored) {
            ScoreCommand.printRoc(
                    RocCurve.of(s, y), data.uri().equals(meta.get("provenance.dataset")));
        } else if (!labelled) {
            System.out.println("no ROC curve: " + data.uri() + " has no labels");
        } else {
            System.out.println(
                    "no ROC curve: the scored rows do not hold both normal and anomalous labels");
        }
        return 0;
    }
}
