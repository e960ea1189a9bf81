package org.hepgraph.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.metrics.RocCurve;

/**
 * A small table rendered as aligned Markdown (readable as plain text too).
 *
 * <p>Every column is padded to its widest cell; a column whose body cells all read as numbers is
 * right-aligned ({@code ---:}). A {@code |} inside a cell is escaped. Immutable.
 *
 * <p>A numeric cell may end in {@value #FLAG} to mark a figure that a note explains (e.g. a working
 * point resting on too few background events); it still counts as a number for alignment. Notes are
 * printed under the table.
 *
 * @param header the column names
 * @param rows the body, each row as wide as the header
 * @param notes lines printed under the table (may be empty)
 */
public record MarkdownTable(List<String> header, List<List<String>> rows, List<String> notes) {

    /** The mark of a flagged cell. */
    public static final String FLAG = "*";

    /** The note of a working point that rests on too few background events. */
    public static final String LOW_STATISTICS_NOTE =
            FLAG
                    + " rests on fewer than "
                    + RocCurve.MIN_NEGATIVES
                    + " background events passing the cut: statistically unreliable";

    /** A table without notes. */
    public MarkdownTable(List<String> header, List<List<String>> rows) {
        this(header, rows, List.of());
    }

    public MarkdownTable {
        notes = notes == null ? List.of() : List.copyOf(notes);
        if (header == null || header.isEmpty()) {
            throw new InvalidArgumentException(
                    "MarkdownTable: header is " + header + "; give at least one column name");
        }
        if (rows == null) {
            throw new InvalidArgumentException(
                    "MarkdownTable: rows is null; give a (possibly empty) list of rows");
        }
        header = List.copyOf(header);
        List<List<String>> copy = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row == null || row.size() != header.size()) {
                throw new InvalidArgumentException(
                        String.format(
                                "MarkdownTable: row %d has %s cells but the header has %d; give one cell per column",
                                r, row == null ? "no" : String.valueOf(row.size()), header.size()));
            }
            copy.add(List.copyOf(row));
        }
        rows = List.copyOf(copy);
    }

    /**
     * The usual anomaly-detection summary, one row per curve in the map's order: model, AUC, TPR at
     * FPR 1e-2 and 1e-3 (see {@link RocCurve#tprAtFpr}), and the number of background events the
     * 1e-3 figure rests on. A TPR resting on fewer than {@link RocCurve#MIN_NEGATIVES} background
     * events is flagged {@value #FLAG}, with {@link #LOW_STATISTICS_NOTE} under the table.
     */
    public static MarkdownTable rocSummary(Map<String, RocCurve> curves) {
        if (curves == null || curves.isEmpty()) {
            throw new InvalidArgumentException(
                    "MarkdownTable.rocSummary: no curves; pass a map from model name to RocCurve");
        }
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, RocCurve> e : curves.entrySet()) {
            RocCurve roc = e.getValue();
            rows.add(
                    List.of(
                            e.getKey(),
                            String.format(Locale.ROOT, "%.4f", roc.auc()),
                            workingPoint(roc, 1e-2),
                            workingPoint(roc, 1e-3),
                            Long.toString(roc.negativesAtFpr(1e-3))));
        }
        boolean flagged = rows.stream().flatMap(List::stream).anyMatch(c -> c.endsWith(FLAG));
        return new MarkdownTable(
                List.of("model", "AUC", "TPR@FPR=1e-2", "TPR@FPR=1e-3", "bkg@FPR=1e-3"),
                rows,
                flagged ? List.of(LOW_STATISTICS_NOTE) : List.of());
    }

    /** TPR at {@code fpr}, flagged when it rests on too few background events. */
    public static String workingPoint(RocCurve roc, double fpr) {
        return String.format(Locale.ROOT, "%.3f", roc.tprAtFpr(fpr))
                + (roc.lowStatisticsAtFpr(fpr) ? FLAG : "");
    }

    /** The table as Markdown lines, each ending in a newline. */
    public String render() {
        int n = header.size();
        int[] width = new int[n];
        boolean[] numeric = new boolean[n];
        for (int c = 0; c < n; c++) {
            width[c] = Math.max(3, escape(header.get(c)).length());
            numeric[c] = !rows.isEmpty();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], escape(row.get(c)).length());
                numeric[c] &= isNumber(row.get(c));
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width, numeric);
        sb.append('|');
        for (int c = 0; c < n; c++) {
            sb.append(' ')
                    .append("-".repeat(width[c] - (numeric[c] ? 1 : 0)))
                    .append(numeric[c] ? ":" : "")
                    .append(" |");
        }
        sb.append('\n');
        for (List<String> row : rows) {
            line(sb, row, width, numeric);
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            for (String note : notes) {
                sb.append(note).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return render();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width, boolean[] right) {
        sb.append('|');
        for (int c = 0; c < cells.size(); c++) {
            String s = escape(cells.get(c));
            String pad = " ".repeat(width[c] - s.length());
            sb.append(' ').append(right[c] ? pad + s : s + pad).append(" |");
        }
        sb.append('\n');
    }

    private static String escape(String cell) {
        return String.valueOf(cell).replace("|", "\\|");
    }

    private static boolean isNumber(String cell) {
        String c = cell == null ? null : cell.trim();
        if (c != null && c.endsWith(FLAG)) {
            c = c.substring(0, c.length() - FLAG.length());
        }
        try {
            Double.parseDouble(c);
            return true;
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
    }
}
