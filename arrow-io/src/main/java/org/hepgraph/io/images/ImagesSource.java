package org.hepgraph.io.images;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.hepgraph.datasets.ChunkedDatasetSource;
import org.hepgraph.datasets.ImageLayout;
import org.hepgraph.io.SourceOptions;
import org.hepgraph.io.SourceUri;

/**
 * {@code images:FILE[?x=NAME,y=NAME,chunk=ROWS]} — the images of an HDF5 file ({@link ImageFile}):
 * jet images {@code [N, H, W]} or calorimeter images {@code [N, H, W, C]} (the ML4SCI
 * electron/photon layout, {@code X} and {@code y}), one row per image, as an image data set ({@link
 * ImageLayout}: one one-node graph per image, {@code x} = its pixels).
 *
 * <p>Options (after {@code ?}, comma separated, or in the caller's map): {@code x} the image
 * dataset (default: {@code X}, else {@code X_jets} as in the ML4SCI quark/gluon files), {@code y}
 * the labels (default {@code y}; optional unless named; {@code [N]} or {@code [N, 1]}), {@code
 * chunk} rows read at a time (default {@value #DEFAULT_CHUNK}). Rows stream from the file into one
 * buffer of {@code N·H·W·C} floats (each chunk checked, then copied), so reading needs about one
 * chunk beyond the set itself. Row ids are the file's rows; unlabelled files train on every row.
 * {@code score} reads the file in row ranges ({@link #openChunked}, {@link ImageChunks}), so a file
 * larger than memory is scored with memory for one range of images.
 */
public final class ImagesSource implements ChunkedDatasetSource {

    /** Rows per read when the caller gives none. */
    public static final int DEFAULT_CHUNK = 4096;

    static final Set<String> KEYS = Set.of("x", "y", "chunk");

    @Override
    public String scheme() {
        return "images";
    }

    @Override
    public String description() {
        return "images:FILE[?x=X,y=y]  images in an HDF5 file ([N, H, W] or [N, H, W, C]; labels"
                + " optional)";
    }

    @Override
    public ImageChunks openChunked(String location, Map<String, String> options) {
        SourceUri u = SourceUri.splitLast(scheme(), location);
        String uri = u.uri();
        SourceOptions o = u.options(options, KEYS);
        u.requirePath("photons.h5");
        String xName = o.has("x") ? o.string("x", null) : null;
        String yName = o.string("y", ImageFile.Y);
        boolean yRequired = !yName.equals(ImageFile.Y);
        int chunk = o.integer("chunk", DEFAULT_CHUNK, 1, "give the rows per read, e.g. chunk=4096");
        ImageFile f = ImageFile.open(Path.of(u.path()), xName);
        try {
            int[] labels = f.labels(yName, yRequired);
            return new ImageChunks(uri, f, labels, f.layout().recipe(scheme(), uri), chunk);
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }
}
