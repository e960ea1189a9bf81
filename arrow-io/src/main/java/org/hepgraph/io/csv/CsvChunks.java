package org.hepgraph.io.csv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.data.GraphSet;
import org.hepgraph.datasets.ChunkedDataset;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.datasets.GraphRecipe;
import org.hepgraph.experiments.RowRange;
import org.hepgraph.io.csv.LeptonGraphs.Output;

/**
 * The events of one or more CSV files ({@link CsvSource}) chunk by chunk: the {@link
 * ChunkedDataset} of {@code csv:}, and the whole-set read ({@link #all}) is the same code reading
 * every chunk, so both give the same graphs, row ids, id columns and labels.
 *
 * <p>Rows are the selected data rows ({@code rows=FROM:TO}) of each file, one file after the other.
 * A CSV cannot be entered in the middle, so reading is a cursor ({@link LeptonEvents}) that moves
 * forward: {@link #read} of the range that follows the last one (what {@code score} does) parses
 * each row once; a range further on parses and drops the rows in between, an earlier one starts
 * again from the first file. {@link #rowCount} is counted on first use by one pass that splits the
 * records without parsing numbers. Memory: one chunk of numbers, never the text.
 */
final class CsvChunks implements ChunkedDataset {

    /**
     * Rows parsed at a time within one {@link #read}, so that a large range needs no large buffer.
     */
    private static final int STEP = LeptonEvents.DEFAULT_CHUNK_ROWS;

    private final String uri;
    private final List<Path> files;
    private final LeptonMapping mapping;
    private final Output output;
    private final RowRange range;
    private final String rowsText;
    private final GraphRecipe recipe;
    private final boolean several;
    private long count = -1;
    private int file; // the file the cursor is in
    private LeptonEvents cursor;
    private long pos; // rows (of every file) the cursor has passed

    CsvChunks(
            String uri,
            List<Path> files,
            LeptonMapping mapping,
            Output output,
            RowRange range,
            String rowsText,
            GraphRecipe recipe) {
        this.uri = uri;
        this.files = List.copyOf(files);
        this.mapping = mapping;
        this.output = output;
        this.range = range;
        this.rowsText = rowsText;
        this.recipe = recipe;
        this.several = files.size() > 1;
        // the first file's header is checked now, as a whole read would
        this.cursor = LeptonEvents.open(files.getFirst(), mapping, range);
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public long rowCount() {
        if (count < 0) {
            long n = 0;
            for (Path f : files) {
                n += LeptonEvents.countRows(f, mapping, range);
            }
            count = n;
        }
        return count;
    }

    @Override
    public GraphRecipe recipe() {
        return recipe;
    }

    @Override
    public Dataset read(long from, long to) {
        ChunkedDataset.checkRange(from, to, rowCount());
        return collect(from, to);
    }

    /** Every row as one data set (what training needs); a set with no row is refused. */
    @Override
    public Dataset all() {
        Dataset d = collect(0, Long.MAX_VALUE);
        if (d.size() == 0) {
            throw new DataFormatException(
                    uri
                            + " holds no events (a header and zero rows"
                            + (rowsText == null ? "" : " in rows " + range)
                            + "); a data set needs at least one row");
        }
        return d;
    }

    /** Rows {@code [from, to)} of the concatenated files ({@code to} may lie past the end). */
    private Dataset collect(long from, long to) {
        if (from < pos) {
            rewind();
        }
        LeptonGraphs out = new LeptonGraphs(mapping.count(), mapping.eventColumns().size());
        List<LeptonEvents.Chunk> chunks = new ArrayList<>();
        List<Integer> fileOf = new ArrayList<>();
        while (pos < to) {
            if (cursor == null) {
                if (file >= files.size()) {
                    break;
                }
                cursor = LeptonEvents.open(files.get(file), mapping, range);
            }
            long until = pos < from ? from : to;
            LeptonEvents.Chunk c = cursor.next((int) Math.min(STEP, until - pos));
            if (c == null) {
                cursor.close();
                cursor = null;
                file++;
                continue;
            }
            if (pos >= from) {
                out.add(c, several ? file : -1);
                chunks.add(c);
                fileOf.add(file);
            }
            pos += c.rows();
        }
        return dataset(out, chunks, fileOf);
    }

    private Dataset dataset(
            LeptonGraphs out, List<LeptonEvents.Chunk> chunks, List<Integer> fileOf) {
        int n = out.rows();
        GraphSet graphs = n == 0 ? GraphSet.builder().build() : out.build(output);
        int idCount = mapping.idColumns().size();
        long[] rowIds = new long[n];
        long[][] ids = new long[idCount + (several ? 1 : 0)][n];
        int at = 0;
        for (int c = 0; c < chunks.size(); c++) {
            LeptonEvents.Chunk chunk = chunks.get(c);
            int len = chunk.rows();
            System.arraycopy(chunk.rowIds(), 0, rowIds, at, len);
            for (int k = 0; k < idCount; k++) {
                System.arraycopy(chunk.ids()[k], 0, ids[k], at, len);
            }
            if (several) {
                Arrays.fill(ids[idCount], at, at + len, fileOf.get(c));
            }
            at += len;
        }
        Map<String, long[]> idColumns = new LinkedHashMap<>();
        for (int k = 0; k < idCount; k++) {
            idColumns.put(mapping.idColumns().get(k), ids[k]);
        }
        if (several) {
            idColumns.put("file", ids[idCount]);
        }
        int[] labels = null;
        if (several) {
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (int) ids[idCount][i];
            }
        }
        return new Dataset(
                uri, graphs, rowIds, labels, idColumns, recipe, Dataset.Protocol.TRAIN_TEST, null);
    }

    private void rewind() {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
        file = 0;
        pos = 0;
    }

    @Override
    public void close() {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }

    @Override
    public String toString() {
        return "CsvChunks(" + uri + ", files=" + files.size() + ")";
    }
}
