package org.hepgraph.datasets;

import ai.djl.ndarray.NDArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.GraphSet;
import org.hepgraph.data.GraphSetLayout;

/**
 * How a set of images rides in a {@link Dataset}: <b>one graph per image, with one node and no
 * edges, whose node features are the image's pixels</b> ({@code x [N, H·W·C]}, the image flattened
 * row-major in {@code [H, W, C]} order). So an image set has row ids, labels, id columns, splits,
 * score CSVs, the Python data plane and the detector registry exactly as graph sets have them, with
 * no second data-set type; an image detector ({@code imageae}) reshapes {@code x} to {@code [B, C,
 * H, W]} ({@link #toNchw}). Graph detectors run on such a set too (each image is then a one-node
 * graph, which is rarely what one wants).
 *
 * <p>The recipe of an image set ({@link #recipe}) has {@code k = 0}, node features {@code
 * image:HxWxC} and the pixel names {@code px_ROW_COL} ({@code px_ROW_COL_CH} when {@code C > 1}),
 * so a model trained on 40×40 images refuses to score 32×32 ones.
 *
 * @param height H, rows
 * @param width W, columns
 * @param channels C, values per pixel (1 for jet images; 2 in the ML4SCI electron/photon images:
 *     energy and time)
 */
public record ImageLayout(int height, int width, int channels) {

    /** The prefix of the recipe's node-feature set, e.g. {@code image:40x40x1}. */
    public static final String NODE_FEATURES_PREFIX = "image:";

    public ImageLayout {
        if (height < 1 || width < 1 || channels < 1) {
            throw new InvalidArgumentException(
                    String.format(
                            "ImageLayout: images of %d × %d pixels × %d channels; every size must"
                                    + " be at least 1",
                            height, width, channels));
        }
        if ((long) height * width * channels > Integer.MAX_VALUE / 4) {
            throw new InvalidArgumentException(
                    "ImageLayout: "
                            + height
                            + " × "
                            + width
                            + " × "
                            + channels
                            + " values per image is too many for one buffer; crop the images");
        }
    }

    /** Values per image, {@code H·W·C}. */
    public int size() {
        return height * width * channels;
    }

    /** {@code image:HxWxC}. */
    public String nodeFeatures() {
        return NODE_FEATURES_PREFIX + height + "x" + width + "x" + channels;
    }

    /** The recipe of images in this layout opened from {@code uri} by the source {@code scheme}. */
    public GraphRecipe recipe(String scheme, String uri) {
        List<String> names = new ArrayList<>(size());
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                if (channels == 1) {
                    names.add("px_" + r + "_" + c);
                } else {
                    for (int ch = 0; ch < channels; ch++) {
                        names.add("px_" + r + "_" + c + "_" + ch);
                    }
                }
            }
        }
        return new GraphRecipe(scheme, uri, 0, nodeFeatures(), names);
    }

    /**
     * One one-node graph per image over {@code pixels} without a copy: {@code pixels} must be a
     * direct little-endian buffer of exactly {@code numImages · size()} float32 values (position to
     * limit). The set's deep check (finite values) runs here.
     *
     * @param labels {@code [numImages]} graph labels ({@code -1}: unknown), or null for all -1
     */
    public GraphSet graphs(ByteBuffer pixels, int numImages, int[] labels) {
        if (labels != null && labels.length != numImages) {
            throw new InvalidArgumentException(
                    "ImageLayout.graphs: "
                            + labels.length
                            + " labels for "
                            + numImages
                            + " images; give one per image");
        }
        ByteBuffer ptr = direct(8L * (numImages + 1));
        for (int i = 0; i <= numImages; i++) {
            ptr.putLong(i * 8, i);
        }
        ByteBuffer edgePtr = direct(8L * (numImages + 1));
        ByteBuffer y = direct(8L * numImages);
        for (int i = 0; i < numImages; i++) {
            y.putLong(i * 8, labels == null ? -1 : labels[i]);
        }
        return GraphSet.wrap(
                GraphSetLayout.of(numImages, numImages, 0, size()),
                ptr,
                edgePtr,
                pixels,
                direct(0),
                null,
                null,
                y,
                null);
    }

    /** {@code x [B, H·W·C]} (one node per graph) as images {@code [B, C, H, W]}. */
    public NDArray toNchw(NDArray x) {
        long b = x.getShape().get(0);
        return x.reshape(b, height, width, channels).transpose(0, 3, 1, 2);
    }

    /** The layout of a recipe written by {@link #recipe}, or null when it is not an image set. */
    public static ImageLayout of(GraphRecipe recipe) {
        String nf = recipe.nodeFeatures();
        if (!nf.startsWith(NODE_FEATURES_PREFIX)) {
            return null;
        }
        String[] parts = nf.substring(NODE_FEATURES_PREFIX.length()).split("x");
        if (parts.length != 3) {
            return null;
        }
        try {
            return new ImageLayout(
                    Integer.parseInt(parts[0]),
                    Integer.parseInt(parts[1]),
                    Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A zeroed direct little-endian buffer of {@code bytes} bytes. */
    public static ByteBuffer direct(long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw new InvalidArgumentException(
                    "ImageLayout: "
                            + bytes
                            + " bytes do not fit one buffer (2 GiB); open fewer images at once");
        }
        return ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public String toString() {
        return "ImageLayout(" + height + "x" + width + "x" + channels + ")";
    }
}
