package org.hepgraph.io.images;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfInvalidPathException;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FloatingPoint;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.datasets.ImageLayout;

/**
 * An HDF5 file of images, read in row chunks through jHDF: the ML4SCI electron/photon layout
 * ({@code X} float {@code [N, H, W, C]}, {@code y} {@code [N]}) and jet images ({@code [N, H, W]},
 * read as {@code C = 1}).
 *
 * <p>The image dataset ({@code X} by default) must be float32 or float64 of rank 3 or 4 with {@code
 * N ≥ 1}; the label dataset ({@code y} by default) is optional, and when present must be 1-D with
 * {@code N} integer values (integer types, or floats holding whole numbers, as the ML4SCI files
 * store 0.0 / 1.0). Rows are read {@code chunk} at a time ({@link #read}): a contiguous float32
 * dataset under 2 GiB is copied from jHDF's memory-mapped buffer, others through jHDF's slice
 * reader; each chunk is checked for NaN and infinities. Every problem (missing file, directory, not
 * HDF5 or truncated, missing dataset, wrong rank or type, zero rows, labels of the wrong length or
 * not whole, a non-finite pixel) is a {@link DataFormatException} naming the file, the dataset, the
 * row and the fix.
 */
public final class ImageFile implements AutoCloseable {

    /** The default dataset names of the ML4SCI layout. */
    public static final String X = "X";

    public static final String Y = "y";

    /**
     * The image dataset names looked for, in order, when none is named: {@code X} (ML4SCI
     * electron/photon, {@code [N, 32, 32, 2]}) and {@code X_jets} (ML4SCI quark/gluon jet images,
     * {@code [N, 125, 125, 3]}).
     */
    public static final List<String> DETECTED = List.of(X, "X_jets");

    private static String detect(HdfFile h) {
        Map<String, Node> children = h.getChildren();
        for (String name : DETECTED) {
            if (children.get(name) instanceof Dataset) {
                return name;
            }
        }
        return X; // missing: the error lists what the file holds
    }

    private final Path file;
    private final HdfFile h;
    private final Dataset images;
    private final String xName;
    private final int numImages;
    private final ImageLayout layout;

    /**
     * The largest contiguous dataset copied from jHDF's mapping of the whole dataset: one {@link
     * ByteBuffer} holds at most 2 GiB, so larger ones (files larger than memory) go through the
     * slice reader, which reads only the rows asked for. Settable for tests.
     */
    long mapLimit = Integer.MAX_VALUE;

    private ImageFile(Path file, HdfFile h, String xName) {
        this.file = file;
        this.h = h;
        xName = xName != null ? xName : detect(h);
        this.xName = xName;
        this.images = dataset(xName, true);
        int[] dims = images.getDimensions();
        if (dims.length != 3 && dims.length != 4) {
            throw error(
                    xName,
                    "has rank " + dims.length + " (shape " + Arrays.toString(dims) + ")",
                    "images must be [N, H, W] (one channel) or [N, H, W, C]; reshape before"
                            + " writing");
        }
        Class<?> type = images.getJavaType();
        if (type != float.class && type != double.class) {
            throw error(
                    xName,
                    "holds " + type.getSimpleName() + " values",
                    "write the images as float32 (h5py dtype='f4') or float64");
        }
        if (dims[0] == 0) {
            throw error(
                    xName,
                    "has 0 rows (shape " + Arrays.toString(dims) + ")",
                    "a data set needs at least one image");
        }
        this.numImages = dims[0];
        this.layout = new ImageLayout(dims[1], dims[2], dims.length == 4 ? dims[3] : 1);
    }

    /**
     * Opens {@code file} and checks its image dataset {@code xName} (null: the first of {@link
     * #DETECTED} that the file holds).
     *
     * @throws DataFormatException see the class doc
     */
    public static ImageFile open(Path file, String xName) {
        if (Files.isDirectory(file)) {
            throw new DataFormatException(
                    "images: "
                            + file.toAbsolutePath()
                            + " is a directory; give the path of an HDF5 image file inside it");
        }
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(
                    "images: file "
                            + file.toAbsolutePath()
                            + " does not exist; check the path (relative paths start at "
                            + Path.of("").toAbsolutePath()
                            + ")");
        }
        HdfFile h;
        try {
            h = new HdfFile(file);
        } catch (RuntimeException e) {
            throw corrupt(file, e);
        }
        try {
            return new ImageFile(file, h, xName);
        } catch (DataFormatException e) {
            h.close();
            throw e;
        } catch (RuntimeException e) {
            h.close();
            throw corrupt(file, e);
        }
    }

    public int numImages() {
        return numImages;
    }

    public ImageLayout layout() {
        return layout;
    }

    /**
     * The labels of dataset {@code yName}, or null when the file has no such dataset and {@code
     * required} is false.
     */
    public int[] labels(String yName, boolean required) {
        Dataset ds = dataset(yName, required);
        if (ds == null) {
            return null;
        }
        int[] dims = ds.getDimensions();
        // [N] or [N, 1] (a column); getDataFlat reads both as N values
        if (!(dims.length == 1 || dims.length == 2 && dims[1] == 1) || dims[0] != numImages) {
            throw error(
                    yName,
                    "has shape " + Arrays.toString(dims) + " but " + xName + " has " + numImages,
                    "write one label per image, shape [" + numImages + "]");
        }
        Object flat;
        try {
            flat = ds.getDataFlat();
        } catch (RuntimeException e) {
            throw corrupt(file, e);
        }
        if (flat instanceof String[] names
                && ds.getDataType() instanceof EnumDataType e
                && Map.of(0, "FALSE", 1, "TRUE").equals(e.getEnumMapping())) {
            // h5py writes numpy bool as an enum {FALSE: 0, TRUE: 1}; jHDF reads its names
            int[] out = new int[numImages];
            for (int i = 0; i < numImages; i++) {
                out[i] = "TRUE".equals(names[i]) ? 1 : 0;
            }
            return out;
        }
        if (!flat.getClass().isArray() || !flat.getClass().getComponentType().isPrimitive()) {
            throw error(
                    yName,
                    "holds " + ds.getJavaType().getSimpleName(),
                    "write integers (or floats holding 0.0/1.0, or booleans)");
        }
        int[] out = new int[numImages];
        for (int i = 0; i < numImages; i++) {
            double v = ((Number) Array.get(flat, i)).doubleValue();
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                throw error(
                        yName,
                        "holds " + v + " at row " + i,
                        "labels must be whole numbers (0 = background, 1 = signal)");
            }
            out[i] = (int) v;
        }
        return out;
    }

    /**
     * Reads images {@code [from, to)} into {@code out} at its position ({@code (to − from) ·
     * layout().size()} float32 values, {@code [H, W, C]} row-major per image), checking that every
     * value is finite.
     */
    public void read(int from, int to, FloatBuffer out) {
        int size = layout.size();
        int rows = to - from;
        int start = out.position();
        try {
            if (images instanceof ContiguousDataset c
                    && images.getSizeInBytes() <= mapLimit
                    && images.getJavaType() == float.class
                    && images.getDataType() instanceof FloatingPoint fp
                    && fp.getSize() == 4) { // float16 is float.class too, 2 bytes a value
                ByteBuffer b = c.getBuffer().duplicate().order(fp.getByteOrder());
                b.position(Math.multiplyExact(from, size) * 4);
                b.limit(b.position() + rows * size * 4);
                out.put(b.asFloatBuffer());
            } else {
                int[] dims = images.getDimensions();
                long[] offset = new long[dims.length];
                offset[0] = from;
                int[] shape = dims.clone();
                shape[0] = rows;
                flatten(images.getData(offset, shape), out);
            }
        } catch (DataFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw corrupt(file, e);
        }
        for (int i = 0; i < rows * size; i++) {
            float v = out.get(start + i);
            if (!Float.isFinite(v)) {
                int row = from + i / size;
                throw error(
                        xName,
                        String.format(
                                "holds %s at row %d, value %d of the image", v, row, i % size),
                        "every pixel must be finite: fix or drop that row");
            }
        }
    }

    /** Copies a nested float/double array (any rank) into {@code out}, row-major. */
    private static void flatten(Object nested, FloatBuffer out) {
        if (nested instanceof float[] f) {
            out.put(f);
        } else if (nested instanceof double[] d) {
            for (double v : d) {
                out.put((float) v);
            }
        } else {
            int n = Array.getLength(nested);
            for (int i = 0; i < n; i++) {
                flatten(Array.get(nested, i), out);
            }
        }
    }

    private Dataset dataset(String name, boolean required) {
        Map<String, Node> children = h.getChildren();
        Node node;
        try {
            node = h.getByPath(name);
        } catch (HdfInvalidPathException e) {
            node = null;
        }
        if (node == null) {
            if (!required) {
                return null;
            }
            throw error(
                    name,
                    "is missing; the file holds " + children.keySet(),
                    "name the image dataset with the option x=NAME (labels: y=NAME), e.g."
                            + " images:FILE?x=X,y=y (without x, "
                            + DETECTED
                            + " are looked for)");
        }
        if (!(node instanceof Dataset ds)) {
            throw error(name, "is a " + node.getType() + ", not a dataset", "name a dataset");
        }
        return ds;
    }

    private DataFormatException error(String what, String found, String fix) {
        return new DataFormatException(
                "images: " + file + ": '" + what + "' " + found + "; " + fix);
    }

    private static DataFormatException corrupt(Path file, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.jhdf.exceptions.UnsupportedHdfException) {
                return new DataFormatException(
                        "images: "
                                + file
                                + " uses an HDF5 feature the Java reader (jHDF 0.13.0) cannot read ("
                                + t.getMessage()
                                + "), e.g. the data layout version 5 that h5py writes with"
                                + " libver=\"latest\"; rewrite it with h5py's default file format"
                                + " (h5py.File(new, \"w\") and copy the datasets, or h5repack)",
                        e);
            }
        }
        return new DataFormatException(
                "images: "
                        + file
                        + " is not a readable HDF5 file ("
                        + e.getMessage()
                        + "); it may be truncated or not HDF5 at all: re-create it (h5py:"
                        + " f.create_dataset('X', data=images))",
                e);
    }

    @Override
    public void close() {
        h.close();
    }
}
