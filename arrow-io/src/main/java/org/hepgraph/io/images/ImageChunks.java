package org.hepgraph.io.images;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.LongStream;
import org.hepgraph.data.GraphSet;
import org.hepgraph.datasets.ChunkedDataset;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.datasets.GraphRecipe;
import org.hepgraph.datasets.ImageLayout;

/**
 * The images of an {@link ImageFile} in row ranges: the {@link ChunkedDataset} of {@code images:},
 * and (range = every row) its whole-set read. A range's pixels go into one direct buffer of {@code
 * rows · H·W·C} floats, filled {@code step} rows per read of the file; the labels (4 bytes a row)
 * are read once at opening. Row ids are the file's rows.
 */
final class ImageChunks implements ChunkedDataset {

    private final String uri;
    private final ImageFile file;
    private final int[] labels;
    private final GraphRecipe recipe;
    private final int step;

    ImageChunks(String uri, ImageFile file, int[] labels, GraphRecipe recipe, int step) {
        this.uri = uri;
        this.file = file;
        this.labels = labels;
        this.recipe = recipe;
        this.step = step;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public long rowCount() {
        return file.numImages();
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
        ImageLayout layout = file.layout();
        ByteBuffer pixels = ImageLayout.direct(4L * (b - a) * layout.size());
        FloatBuffer out = pixels.asFloatBuffer();
        for (int r = a; r < b; r += step) {
            file.read(r, Math.min(b, r + step), out);
        }
        int[] y = labels == null ? null : Arrays.copyOfRange(labels, a, b);
        GraphSet graphs = layout.graphs(pixels, b - a, y);
        return new Dataset(
                uri,
                graphs,
                LongStream.range(a, b).toArray(),
                y,
                Map.of(),
                recipe,
                Dataset.Protocol.TRAIN_TEST,
                null);
    }

    @Override
    public void close() {
        file.close();
    }

    @Override
    public String toString() {
        return "ImageChunks(" + uri + ", rows=" + rowCount() + ")";
    }
}
