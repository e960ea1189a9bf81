package org.hepgraph.experiments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.datasets.Dataset;

/**
 * The per-row score table of a scored fold, as CSV: one line per scored graph, in the fold's order.
 *
 * <p>Columns: {@code row} (the file's row index, {@link Dataset#rowIds()}), then every id column
 * the file carries ({@link Dataset#idColumns()}), then {@code label} (the raw label; only when the
 * data set has labels), then {@code score} (higher = more anomalous). Written to any {@link
 * Appendable}; the caller opens the file.
 */
public final class ScoreTable {

    private ScoreTable() {}

    /** Writes the table of {@code fold}'s test graphs of {@code ds} with their {@code scores}. */
    public static void write(Appendable out, Dataset ds, Fold fold, float[] scores) {
        int[] pos = fold.testPositions();
        if (scores.length != pos.length) {
            throw new InvalidArgumentException(
                    String.format(
                            "ScoreTable: %d scores for %d scored graphs; give one score per graph",
                            scores.length, pos.length));
        }
        writeHeader(out, ds);
        writeRows(out, ds, pos, scores);
    }

    /** The header line of {@code ds}'s table (for writing a table chunk by chunk). */
    public static void writeHeader(Appendable out, Dataset ds) {
        try {
            out.append("row");
            for (String name : ds.idColumns().keySet()) {
                out.append(',').append(name);
            }
            if (ds.labelled()) {
                out.append(",label");
            }
            out.append(",score\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of the graphs of {@code ds} at positions {@code pos}, scored {@code scores}. */
    public static void writeRows(Appendable out, Dataset ds, int[] pos, float[] scores) {
        try {
            for (int i = 0; i < pos.length; i++) {
                int g = pos[i];
                out.append(Long.toString(ds.rowIds()[g]));
                for (Map.Entry<String, long[]> e : ds.idColumns().entrySet()) {
                    out.append(',').append(Long.toString(e.getValue()[g]));
                }
                if (ds.labelled()) {
                    out.append(',').append(Integer.toString(ds.labels()[g]));
                }
                out.append(',').append(Float.toString(scores[i])).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
