package org.hepgraph.experiments;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.datasets.ChunkedDataset;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.detectors.AnomalyDetector;
import org.hepgraph.metrics.RocCurve;

/**
 * Scores a {@link ChunkedDataset} one chunk at a time ({@link #step}): each chunk of {@code
 * chunkRows} rows is read, built into graphs, scored and appended to a {@link ScoreTable} CSV
 * ({@code row,[id columns],[label],score}), so that only one chunk's graphs are in memory. Labels
 * and scores are kept per row ({@code 8} bytes each) for the {@link #roc} at the end. Shared by
 * {@code hepgraph score --chunk-rows} and Python's {@code Detector.score_file}; it opens no file.
 */
public final class ChunkedScorer {

    private final ChunkedDataset data;
    private final AnomalyDetector detector;
    private final Writer out;
    private final int chunkRows;
    private final Integer trainLabel;
    private final long total;
    private final float[] scores;
    private final int[] labels;
    private long next;
    private int scored;
    private boolean labelled;

    /**
     * @param trainLabel the raw label of normal rows (null: {@link Fold#NORMAL}); an error when the
     *     data have no labels
     */
    public ChunkedScorer(
            ChunkedDataset data,
            AnomalyDetector detector,
            Writer out,
            int chunkRows,
            Integer trainLabel) {
        if (chunkRows < 1) {
            throw new InvalidArgumentException(
                    "chunk rows " + chunkRows + " is below 1; give the rows per chunk, e.g. 4096");
        }
        this.data = data;
        this.detector = detector;
        this.out = out;
        this.chunkRows = chunkRows;
        this.trainLabel = trainLabel;
        this.total = requireRows(data);
        this.scores = new float[(int) Math.min(total, Integer.MAX_VALUE - 8)];
        this.labels = new int[scores.length];
    }

    /**
     * The source's row count; a {@link DataFormatException} when it has none (checked before a
     * caller loads a model or creates the CSV).
     */
    public static long requireRows(ChunkedDataset data) {
        long n = data.rowCount();
        if (n == 0) {
            throw new DataFormatException(
                    data.uri()
                            + " holds no rows (N = 0); there is nothing to score: give a file"
                            + " with at least one row");
        }
        return n;
    }

    /** Rows in the source. */
    public long total() {
        return total;
    }

    /** Rows read so far (the progress). */
    public long done() {
        return next;
    }

    /** Graphs scored and written so far. */
    public int scored() {
        return scored;
    }

    /** Whether every row has been read. */
    public boolean finished() {
        return next >= total;
    }

    /** Whether the data have labels (known after the first {@link #step}). */
    public boolean labelled() {
        return labelled;
    }

    /** Reads, scores and writes the next chunk; false when there was none left. */
    public boolean step() throws IOException {
        if (finished()) {
            return false;
        }
        long from = next;
        Dataset chunk = data.read(from, Math.min(total, from + chunkRows));
        if (from == 0) {
            ScoreTable.writeHeader(out, chunk);
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
        int normal = trainLabel == null ? Fold.NORMAL : trainLabel;
        float[] s = chunk.size() == 0 ? new float[0] : detector.score(chunk.graphs());
        ScoreTable.writeRows(out, chunk, IntStream.range(0, s.length).toArray(), s);
        for (int i = 0; i < s.length; i++) {
            scores[scored] = s[i];
            labels[scored++] = !labelled ? -1 : chunk.labels()[i] == normal ? 0 : 1;
        }
        next = Math.min(total, from + chunkRows);
        return true;
    }

    /**
     * The ROC of the scored rows (anomalies: labels other than the normal one), or null when the
     * data have no labels or the rows do not hold both classes.
     */
    public RocCurve roc() {
        if (!labelled || scored == 0) {
            return null;
        }
        int[] y = Arrays.copyOf(labels, scored);
        long anomalies = Arrays.stream(y).filter(v -> v == 1).count();
        if (anomalies == 0 || anomalies == scored) {
            return null;
        }
        return RocCurve.of(Arrays.copyOf(scores, scored), y);
    }

    /** The error for a row selection that kept no row; null when some were scored. */
    public InvalidArgumentException nothingScored() {
        if (scored > 0) {
            return null;
        }
        return new InvalidArgumentException(
                data.uri()
                        + ": the row selection keeps none of the "
                        + total
                        + " rows, so nothing was scored; choose another split or leave it"
                        + " out");
    }
}
