package org.hepgraph.datasets;

import java.util.Map;

/**
 * A {@link DatasetSource} that can also open its data in row chunks ({@link ChunkedDataset}), for
 * files larger than memory. {@link #open} stays the whole-set view (training needs every graph at
 * once); {@link #openChunked} reads nothing but the file's shape until {@link ChunkedDataset#read}
 * is called.
 */
public interface ChunkedDatasetSource extends DatasetSource {

    /**
     * Opens the data set at {@code location} for reading in chunks; the same options and checks as
     * {@link #open}. Returns null when this location cannot be streamed (a wrapper over a source
     * that does not stream, e.g. {@code jetimages:toy}): the caller then opens it whole.
     */
    ChunkedDataset openChunked(String location, Map<String, String> options);

    /**
     * The whole set: {@link #openChunked} read at once ({@link ChunkedDataset#all}), then closed. A
     * source whose {@link #openChunked} may return null opens the whole set itself.
     */
    @Override
    default Dataset open(String location, Map<String, String> options) {
        try (ChunkedDataset c = openChunked(location, options)) {
            return c.all();
        }
    }
}
