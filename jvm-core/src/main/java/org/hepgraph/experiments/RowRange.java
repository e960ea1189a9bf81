package org.hepgraph.experiments;

import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * A half-open range of rows {@code [from, to)} written as Python writes slices: {@code 0:5000},
 * {@code 5000:} (to the end), {@code :100} (from the start). {@code to = -1} means "to the end".
 */
public record RowRange(int from, int to) {

    /** Every row. */
    public static final RowRange ALL = new RowRange(0, -1);

    /** Parses {@code FROM:TO}; either side may be empty. */
    public static RowRange parse(String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.indexOf(':');
        if (colon < 0 || t.indexOf(':', colon + 1) >= 0) {
            throw bad(text, "it has no single ':'");
        }
        try {
            String a = t.substring(0, colon).trim();
            String b = t.substring(colon + 1).trim();
            int from = a.isEmpty() ? 0 : Integer.parseInt(a);
            int to = b.isEmpty() ? -1 : Integer.parseInt(b);
            if (from < 0 || (to >= 0 && to <= from)) {
                throw bad(text, "it is empty or negative");
            }
            return new RowRange(from, to);
        } catch (NumberFormatException e) {
            throw bad(text, "its bounds are not integers");
        }
    }

    /** The end of the range for a data set of {@code size} rows, checked against it. */
    int end(int size, String uri) {
        int end = to < 0 ? size : to;
        if (from >= size || end > size) {
            throw new InvalidArgumentException(
                    String.format(
                            "--train-rows %s lies outside the %d rows of %s; give a range inside"
                                    + " 0:%d",
                            this, size, uri, size));
        }
        return end;
    }

    private static InvalidArgumentException bad(String text, String why) {
        return new InvalidArgumentException(
                "--train-rows '"
                        + text
                        + "' is not a row range ("
                        + why
                        + "); write FROM:TO with 0 <= FROM < TO, e.g. 0:5000 (TO excluded) or"
                        + " 5000: (to the end)");
    }

    @Override
    public String toString() {
        return from + ":" + (to < 0 ? "" : Integer.toString(to));
    }
}
