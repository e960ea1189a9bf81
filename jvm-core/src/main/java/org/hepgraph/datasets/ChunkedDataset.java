package org.hepgraph.datasets;

/**
 * A data set read in row ranges rather than whole: what {@code score} uses to score a file larger
 * than the JVM heap, one chunk at a time (read, build graphs, score, write, drop).
 *
 * <p>Rows are the source's own rows (a file's rows; for several files, their rows one file after
 * the other), {@code 0 ≤ row < rowCount()}. {@link #read} returns the graphs of a range as a {@link
 * Dataset} whose {@link Dataset#rowIds()} are the source rows (not positions in the chunk), so a
 * score table written chunk by chunk equals the one written from the whole set. A source that drops
 * rows by an option (e.g. a split column) returns fewer graphs than the range holds.
 *
 * <p>Closing releases the open file(s).
 */
public interface ChunkedDataset extends AutoCloseable {

    /** The URI it was opened from. */
    String uri();

    /** Rows in the source, before any row selection. */
    long rowCount();

    /** How every chunk's graphs are built (the same for all chunks). */
    GraphRecipe recipe();

    /**
     * The graphs of rows {@code [from, to)} ({@link Dataset.Protocol#TRAIN_TEST}, row ids = source
     * rows); may be empty when a row selection drops every row of the range.
     */
    Dataset read(long from, long to);

    /**
     * Every row as one data set: the whole-set view ({@link DatasetSource#open}) of a source that
     * streams. {@code read(0, rowCount())} unless the source adds whole-set checks (e.g. at least
     * one row).
     */
    default Dataset all() {
        return read(0, rowCount());
    }

    @Override
    void close();

    /**
     * Refuses a range that is not {@code 0 ≤ from ≤ to ≤ rowCount}: the check every {@link #read}
     * makes first, with one message for all sources.
     */
    static void checkRange(long from, long to, long rowCount) {
        if (from < 0 || to > rowCount || from > to) {
            throw new IllegalArgumentException(
                    "rows [" + from + ", " + to + ") outside [0, " + rowCount + ")");
        }
    }
}
