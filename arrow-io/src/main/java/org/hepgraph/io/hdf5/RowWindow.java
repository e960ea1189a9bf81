package org.hepgraph.io.hdf5;

import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * The option {@code rows=FROM:TO} of the file sources: only file rows {@code [FROM, TO)} are read
 * (TO excluded; either side may be empty, as in a Python slice), e.g. to train on a part of a file
 * too large to hold. Row ids stay the file's rows.
 *
 * @param from the first row read
 * @param to one past the last row read
 */
record RowWindow(long from, long to) {

    /** The window of {@code text} (null or blank: every row) over {@code total} rows. */
    static RowWindow parse(String uri, String text, long total) {
        if (text == null || text.isBlank()) {
            return new RowWindow(0, total);
        }
        String t = text.trim();
        int colon = t.indexOf(':');
        long a;
        long b;
        try {
            if (colon < 0 || t.indexOf(':', colon + 1) >= 0) {
                throw new NumberFormatException();
            }
            String x = t.substring(0, colon).trim();
            String y = t.substring(colon + 1).trim();
            a = x.isEmpty() ? 0 : Long.parseLong(x);
            b = y.isEmpty() ? total : Long.parseLong(y);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(
                    uri
                            + ": rows = '"
                            + text
                            + "' is not a row range; write FROM:TO (TO excluded), e.g."
                            + " rows=0:100000 or rows=100000:");
        }
        if (a < 0 || b > total || a >= b) {
            throw new InvalidArgumentException(
                    String.format(
                            "%s: rows = %s lies outside the file's %d rows or is empty; give a"
                                    + " range inside 0:%d",
                            uri, text, total, total));
        }
        return new RowWindow(a, b);
    }

    long size() {
        return to - from;
    }
}
