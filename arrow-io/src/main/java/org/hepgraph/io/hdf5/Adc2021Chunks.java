package org.hepgraph.io.hdf5;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.data.GraphSet;
import org.hepgraph.data.GraphSetBuilder;
import org.hepgraph.datasets.ChunkedDataset;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.datasets.GraphRecipe;

/**
 * The events of one or more ADC2021 files ({@link Adc2021File}) as graphs ({@link Adc2021Graphs}),
 * read a row range at a time. Rows run through the files in order (the first file's rows, then the
 * second's, ...); each graph's row id is its row in its own file and, with several files, the id
 * column {@code file} says which (0 = the first).
 *
 * <p>Labels: a file's own {@code labels} dataset when it has one; else, when signal files were
 * given, 0 for the first (background) file and 1 for every signal file; else none.
 */
final class Adc2021Chunks implements ChunkedDataset {

    private static final String[] COLUMNS = {"Pt", "Eta", "Phi", "Class"};

    private final String uri;
    private final List<Adc2021File> files;
    private final int k;
    private final boolean logPt;
    private final GraphRecipe recipe;
    private final boolean labelled;
    private final List<String> idNames = new ArrayList<>();
    private final long rowCount;
    private final RowWindow window;

    Adc2021Chunks(String uri, List<Adc2021File> files, int k, boolean logPt, String rowRange) {
        this.uri = uri;
        this.files = files;
        this.k = k;
        this.logPt = logPt;
        this.recipe =
                new GraphRecipe(
                        "adc2021",
                        uri,
                        k,
                        logPt ? "adc2021-log_pt" : "adc2021-raw",
                        logPt ? Adc2021Graphs.LOG_PT : Adc2021Graphs.RAW);
        labelled = files.size() > 1 || files.getFirst().labels != null;
        if (files.size() > 1) {
            idNames.add("file");
        }
        for (String name : files.getFirst().ids.keySet()) {
            if (files.stream().allMatch(a -> a.ids.containsKey(name)) && !name.equals("file")) {
                idNames.add(name);
            }
        }
        long total = 0;
        for (Adc2021File a : files) {
            total += a.rows;
        }
        window = RowWindow.parse(uri, rowRange, total);
        rowCount = window.size();
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public long rowCount() {
        return rowCount;
    }

    @Override
    public GraphRecipe recipe() {
        return recipe;
    }

    /** Every row as one data set (what training needs); no rows at all is an error. */
    @Override
    public Dataset all() {
        if (rowCount == 0) {
            throw new DataFormatException(
                    uri
                            + " holds no events ('Particles' has N = 0 rows in "
                            + files.getFirst().f.file()
                            + "); a data set needs at least one event");
        }
        if (rowCount > Integer.MAX_VALUE - 8) {
            throw new DataFormatException(
                    uri
                            + " holds "
                            + rowCount
                            + " events, too many to hold at once; train on a part (option"
                            + " rows=FROM:TO) and score the files in chunks with 'hepgraph"
                            + " score'");
        }
        return read(0, rowCount);
    }

    @Override
    public Dataset read(long from, long to) {
        ChunkedDataset.checkRange(from, to, rowCount);
        int m = (int) (to - from);
        from += window.from();
        to += window.from();
        GraphSetBuilder graphs = GraphSet.builder();
        long[] rowIds = new long[m];
        int[] labels = labelled ? new int[m] : null;
        Map<String, long[]> ids = new LinkedHashMap<>();
        for (String name : idNames) {
            ids.put(name, new long[m]);
        }
        long start = 0;
        int at = 0;
        for (int fi = 0; fi < files.size(); fi++) {
            Adc2021File a = files.get(fi);
            long lo = Math.max(from, start);
            long hi = Math.min(to, start + a.rows);
            if (lo < hi) {
                int n = (int) (hi - lo);
                long local = lo - start;
                read(a, local, n, fi, graphs, labels, at);
                for (int i = 0; i < n; i++) {
                    rowIds[at + i] = local + i;
                }
                for (String name : idNames) {
                    long[] col = ids.get(name);
                    if (name.equals("file")) {
                        java.util.Arrays.fill(col, at, at + n, fi);
                    } else {
                        System.arraycopy(a.f.longs(a.ids.get(name), local, n), 0, col, at, n);
                    }
                }
                at += n;
            }
            start += a.rows;
        }
        return new Dataset(
                uri,
                graphs.build(),
                rowIds,
                labels,
                ids,
                recipe,
                Dataset.Protocol.TRAIN_TEST,
                null);
    }

    private void read(
            Adc2021File a,
            long local,
            int n,
            int fileIndex,
            GraphSetBuilder graphs,
            int[] labels,
            int at) {
        float[] v = a.f.floats(a.particles, local, n);
        long[] own = a.labels == null ? null : a.f.longs(a.labels, local, n);
        int p = a.objects;
        for (int i = 0; i < n; i++) {
            int base = i * p * 4;
            long row = local + i;
            boolean any = false;
            for (int j = 0; j < p; j++) {
                float cls = v[base + j * 4 + 3];
                // A padding slot (class id 0) never becomes a node, so its pT, eta, phi are not
                // read: NaN there (as some writers pad) is harmless. The class id itself, and
                // every value of a real object, must be finite.
                for (int c = cls == 0f ? 3 : 0; c < 4; c++) {
                    float x = v[base + j * 4 + c];
                    if (!Float.isFinite(x)) {
                        throw a.f.error(
                                Adc2021File.PARTICLES,
                                String.format(
                                        "row %d, object %d, column '%s' is %s",
                                        row, j, COLUMNS[c], x),
                                "every value of a real object (class id 1-4) and every class id"
                                        + " must be finite: fix or drop that event");
                    }
                }
                if (cls != Math.rint(cls) || cls < 0 || cls > 4) {
                    throw a.f.error(
                            Adc2021File.PARTICLES,
                            String.format("row %d, object %d has class id %s", row, j, cls),
                            "class ids are 0 (padding), 1 MET, 2 electron, 3 muon, 4 jet; is the"
                                    + " last axis [pT, eta, phi, class id]?");
                }
                any |= cls != 0f;
            }
            if (!any) {
                throw a.f.error(
                        Adc2021File.PARTICLES,
                        "row " + row + " has no object (every class id is 0)",
                        "a graph needs at least one node: drop empty events");
            }
            int label = -1;
            if (labels != null) {
                label = own != null ? checkLabel(a, own[i], row) : (fileIndex == 0 ? 0 : 1);
                labels[at + i] = label;
            }
            graphs.add(Adc2021Graphs.event(v, base, p, logPt, k, label));
        }
    }

    private static int checkLabel(Adc2021File a, long y, long row) {
        if (y < Integer.MIN_VALUE || y > Integer.MAX_VALUE) {
            throw a.f.error(
                    Adc2021File.LABELS,
                    "holds " + y + " at row " + row,
                    "use small integer labels (0 background, 1 signal)");
        }
        return (int) y;
    }

    @Override
    public void close() {
        for (Adc2021File a : files) {
            a.close();
        }
    }
}
