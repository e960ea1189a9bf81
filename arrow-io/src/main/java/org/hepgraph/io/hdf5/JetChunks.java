package org.hepgraph.io.hdf5;

import java.util.Locale;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.data.GraphSet;
import org.hepgraph.datasets.ChunkedDataset;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.datasets.GraphRecipe;
import org.hepgraph.io.JetGraphs;
import org.hepgraph.transforms.JetNodeFeatures;

/**
 * Jets of a {@link JetRows} as kNN graphs in ΔR ({@link JetGraphs}), chunk by chunk: the {@link
 * ChunkedDataset} of the jet sources ({@code toptag:}, {@code h5:}).
 */
final class JetChunks implements ChunkedDataset {

    private final String scheme;
    private final String uri;
    private final JetRows rows;
    private final int k;
    private final JetNodeFeatures features;
    private final GraphRecipe recipe;
    private final RowWindow window;

    JetChunks(
            String scheme,
            String uri,
            JetRows rows,
            int k,
            JetNodeFeatures features,
            String rowRange) {
        this.scheme = scheme;
        this.window = RowWindow.parse(uri, rowRange, rows.rowCount());
        this.uri = uri;
        this.rows = rows;
        this.k = k;
        this.features = features;
        this.recipe =
                new GraphRecipe(
                        scheme,
                        uri,
                        k,
                        features.name().toLowerCase(Locale.ROOT),
                        features.outputNames(rows.featureNames()));
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public long rowCount() {
        return window.size();
    }

    @Override
    public GraphRecipe recipe() {
        return recipe;
    }

    @Override
    public Dataset read(long from, long to) {
        return read(from, to, false);
    }

    /**
     * Every row as one data set (what training needs), with the whole-file checks: at least one
     * jet, and {@code k} below the largest jet's particle count.
     */
    @Override
    public Dataset all() {
        if (rowCount() == 0) {
            throw new DataFormatException(
                    uri + " holds no jets (N = 0 rows); a data set needs at least one jet");
        }
        if (rowCount() > Integer.MAX_VALUE - 8) {
            throw new DataFormatException(
                    uri
                            + " holds "
                            + rowCount()
                            + " rows, too many to hold at once; train on a part of it (option"
                            + " rows=FROM:TO) and score the file in chunks with 'hepgraph"
                            + " score'");
        }
        Dataset d = read(0, rowCount(), true);
        if (d.size() == 0) {
            throw new DataFormatException(
                    uri
                            + ": the row selection keeps none of the "
                            + rowCount()
                            + " rows; choose another split (option ttv) or leave it out");
        }
        return d;
    }

    private Dataset read(long from, long to, boolean whole) {
        ChunkedDataset.checkRange(from, to, rowCount());
        JetRows.Slice s = rows.read(window.from() + from, (int) (to - from));
        GraphSet graphs =
                s.jets().numJets() == 0
                        ? GraphSet.builder().build()
                        : JetGraphs.build(uri, s.jets(), k, features, s.rowIds(), whole);
        return new Dataset(
                uri,
                graphs,
                s.rowIds(),
                s.labels(),
                s.idColumns(),
                recipe,
                Dataset.Protocol.TRAIN_TEST,
                null);
    }

    @Override
    public void close() {
        rows.close();
    }

    @Override
    public String toString() {
        return "JetChunks(" + scheme + ", " + uri + ", rows=" + rows.rowCount() + ")";
    }
}
