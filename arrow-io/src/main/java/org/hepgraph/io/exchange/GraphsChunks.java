package org.hepgraph.io.exchange;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.hepgraph.data.GraphSet;
import org.hepgraph.datasets.ChunkedDataset;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.datasets.GraphRecipe;

/**
 * A saved graph set ({@link GraphsSource}) in row ranges: the graph file stays memory-mapped
 * ({@link MappedGraphSet}) and each {@link #read} copies only its range out of the mapping; the row
 * ids, id columns and labels ({@code rows.csv} and the graphs' {@code y}) are held whole. Closing
 * unmaps the file.
 */
final class GraphsChunks implements ChunkedDataset {

    private final String uri;
    private final BufferAllocator root;
    private final MappedGraphSet mapped;
    private final long[] rows;
    private final int[] labels;
    private final Map<String, long[]> ids;
    private final GraphRecipe recipe;

    GraphsChunks(
            String uri,
            BufferAllocator root,
            MappedGraphSet mapped,
            long[] rows,
            int[] labels,
            Map<String, long[]> ids,
            GraphRecipe recipe) {
        this.uri = uri;
        this.root = root;
        this.mapped = mapped;
        this.rows = rows;
        this.labels = labels;
        this.ids = ids;
        this.recipe = recipe;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public long rowCount() {
        return rows.length;
    }

    @Override
    public GraphRecipe recipe() {
        return recipe;
    }

    @Override
    public Dataset read(long from, long to) {
        ChunkedDataset.checkRange(from, to, rowCount());
        int a = (int) from;
        int b = (int) to;
        GraphSet graphs = GraphSet.copyOf(mapped.graphs().sliceView(a, b));
        Map<String, long[]> part = new LinkedHashMap<>();
        ids.forEach((k, v) -> part.put(k, Arrays.copyOfRange(v, a, b)));
        return new Dataset(
                uri,
                graphs,
                Arrays.copyOfRange(rows, a, b),
                labels == null ? null : Arrays.copyOfRange(labels, a, b),
                part,
                recipe,
                Dataset.Protocol.TRAIN_TEST,
                null);
    }

    @Override
    public void close() {
        mapped.close();
        root.close();
    }

    @Override
    public String toString() {
        return "GraphsChunks(" + uri + ", rows=" + rows.length + ")";
    }
}
