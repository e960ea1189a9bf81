package org.hepgraph.bridge;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.datasets.ChunkedDataset;
import org.hepgraph.datasets.GraphRecipe;
import org.hepgraph.detectors.DetectorIO;
import org.hepgraph.experiments.ChunkedScorer;
import org.hepgraph.io.DatasetSources;
import org.hepgraph.io.OutputFiles;
import org.hepgraph.metrics.RocCurve;

/**
 * Python's {@code Detector.score_file}: {@code hepgraph score --chunk-rows} driven one chunk per
 * call ({@link #stepJson}), so that Python draws its own progress bar. Like the CLI it reads the
 * saved model's header (when the detector came from a file): its graph recipe sets the default
 * {@code k} and {@code node_features} and must match the data's, and its split seed is the default
 * {@code seed}. The loop is the CLI's {@link ChunkedScorer}; the CSV is the CLI's.
 */
public final class FileScoringJob implements AutoCloseable {

    private final ChunkedDataset data;
    private final Writer out;
    private final ChunkedScorer scorer;
    private final String csv;
    private boolean closed;

    private FileScoringJob(ChunkedDataset data, Writer out, ChunkedScorer scorer, String csv) {
        this.data = data;
        this.out = out;
        this.scorer = scorer;
        this.csv = csv;
    }

    /**
     * Opens {@code uri} in chunks and {@code csv} for writing.
     *
     * @param model the detector's model file (its header holds the recipe), or null
     * @param options the source's settings; they override the ones taken from the model
     */
    static FileScoringJob open(
            DetectorHandle detector,
            String model,
            String uri,
            Map<String, String> options,
            String csv,
            int chunkRows,
            Integer trainLabel)
            throws IOException {
        Map<String, String> meta = Map.of();
        if (model != null) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(model)))) {
                meta = DetectorIO.readMetadata(in, model);
            }
        }
        GraphRecipe recipe = GraphRecipe.fromMap(meta).orElse(null);
        Map<String, String> o = new LinkedHashMap<>();
        o.put("seed", meta.getOrDefault("provenance.split.seed", "0"));
        if (recipe != null && recipe.k() > 0) {
            o.put("k", Integer.toString(recipe.k()));
            o.put("node_features", recipe.nodeFeatures());
        }
        if (options != null) {
            options.forEach((k, v) -> o.put(String.valueOf(k), String.valueOf(v)));
        }
        if (chunkRows < 1) {
            throw new InvalidArgumentException(
                    "Detector.score_file: chunk_rows="
                            + chunkRows
                            + " is below 1; give the rows per chunk, e.g. 4096");
        }
        int colon = uri == null ? -1 : uri.indexOf(':');
        DatasetSources.source(colon < 0 ? String.valueOf(uri) : uri.substring(0, colon));
        ChunkedDataset data = DatasetSources.openChunked(uri, o);
        if (data == null) {
            throw new InvalidArgumentException(
                    "Detector.score_file: "
                            + uri
                            + " comes from a source that does not stream in chunks; the streaming"
                            + " ones are adc2021:, toptag:, h5:, csv:, images:, graphs:,"
                            + " jetimages:; for the others use detector.score(hg.dataset(uri)"
                            + ".graphs)");
        }
        Writer w = null;
        try {
            if (recipe != null) {
                recipe.checkCompatible(data.recipe(), model);
            }
            ChunkedScorer.requireRows(data);
            Path p = Path.of(csv);
            OutputFiles.checkWritableFile(p, "Detector.score_file: out");
            w = Files.newBufferedWriter(p, StandardCharsets.UTF_8);
            ChunkedScorer s =
                    new ChunkedScorer(data, detector.detector(), w, chunkRows, trainLabel);
            return new FileScoringJob(data, w, s, p.toAbsolutePath().toString());
        } catch (RuntimeException | IOException e) {
            if (w != null) {
                w.close();
            }
            data.close();
            throw e;
        }
    }

    /** Scores the next chunk: {@code {"done": rows read, "total": rows, "scored": graphs}}. */
    public String stepJson() throws IOException {
        if (!closed && !scorer.step()) {
            close();
        }
        if (scorer.finished()) {
            close();
        }
        return Json.write(
                Map.of(
                        "done", scorer.done(),
                        "total", scorer.total(),
                        "scored", scorer.scored(),
                        "finished", scorer.finished()));
    }

    /**
     * After the last chunk: {@code rows} (graphs scored), {@code auc} (or null without labels of
     * both classes), {@code labelled}, {@code csv} (absolute path), {@code uri}.
     */
    public String resultJson() throws IOException {
        close();
        if (scorer.nothingScored() != null) {
            throw scorer.nothingScored();
        }
        RocCurve roc = scorer.roc();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", scorer.scored());
        m.put("auc", roc == null ? null : roc.auc());
        m.put("labelled", scorer.labelled());
        m.put("csv", csv);
        m.put("uri", data.uri());
        return Json.write(m);
    }

    /** Flushes the CSV and closes the source. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } finally {
            data.close();
        }
    }
}
