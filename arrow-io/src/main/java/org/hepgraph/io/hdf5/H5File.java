package org.hepgraph.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfInvalidPathException;
import io.jhdf.object.datatype.EnumDataType;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.io.FileUri;

/**
 * One HDF5 file opened for the readers of this package, through jHDF: datasets looked up by path (a
 * missing one names the datasets present), shape and type checks, and row-slice reads ({@code
 * [from, from + rows)} along the first axis, jHDF's slice reads, so that no reader holds more of a
 * file than one chunk). Every problem is a {@link DataFormatException} that names the URI, the
 * file, the dataset and the fix; jHDF's own exceptions (a truncated or corrupt file) are wrapped.
 */
final class H5File implements AutoCloseable {

    private final String uri;
    private final Path file;
    private final HdfFile h;

    private H5File(String uri, Path file, HdfFile h) {
        this.uri = uri;
        this.file = file;
        this.h = h;
    }

    /** Opens {@code file}; a missing file, a directory or a file that is not HDF5 is refused. */
    static H5File open(String uri, Path file) {
        FileUri.checkFile(uri, file);
        HdfFile h = null;
        try {
            h = new HdfFile(file);
            H5File out = new H5File(uri, file, h);
            checkLength(uri, file, h);
            // Walk the whole tree now, so that a truncated file fails here with one clear message
            // instead of deep inside a later read.
            for (String name : out.datasetNames()) {
                Dataset ds = (Dataset) h.getByPath(name);
                ds.getDimensions();
                ds.getJavaType();
            }
            return out;
        } catch (DataFormatException e) {
            h.close();
            throw e;
        } catch (IOException | RuntimeException e) {
            if (h != null) {
                h.close();
            }
            String unsupported = unsupported(e);
            if (unsupported != null) {
                throw new DataFormatException(
                        uri
                                + ": "
                                + file
                                + " uses an HDF5 feature the Java reader (jHDF 0.13.0) cannot read ("
                                + unsupported
                                + "), e.g. the data layout version 5 that h5py writes with"
                                + " libver=\"latest\"; rewrite it with h5py's default file format"
                                + " (h5py.File(new, \"w\") and copy the datasets, or h5repack)",
                        e);
            }
            throw new DataFormatException(
                    uri
                            + ": "
                            + file
                            + " is not a readable HDF5 file ("
                            + e.getMessage()
                            + "); it may be truncated or not HDF5 at all: download or write it"
                            + " again",
                    e);
        }
    }

    /** The message of an {@code UnsupportedHdfException} in {@code e}'s causes, or null. */
    static String unsupported(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.jhdf.exceptions.UnsupportedHdfException) {
                return t.getMessage();
            }
        }
        return null;
    }

    /**
     * Refuses a truncated file: one can still open (its header is intact) and jHDF may read the
     * missing bytes as zeros, but the superblock's end-of-file address says how long it was.
     */
    static void checkLength(String uri, Path file, HdfFile h) throws IOException {
        var sb = h.getHdfBackingStorage().getSuperblock();
        // The stored end-of-file address counts from the start of the file, a user block included
        // (the HDF5 library compares it with the file size; h5py userblock_size files prove it).
        long expected = sb.getEndOfFileAddress();
        long actual = Files.size(file);
        if (expected > actual) {
            throw new DataFormatException(
                    String.format(
                            "%s: %s is truncated: its HDF5 header says it ends at byte %d but it"
                                    + " has %d bytes; download or write it again",
                            uri, file, expected, actual));
        }
    }

    Path file() {
        return file;
    }

    /** The dataset at {@code path} (e.g. {@code Particles}, {@code table/axis0}), or null. */
    Dataset optional(String path) {
        Node node;
        try {
            node = h.getByPath(path);
        } catch (HdfInvalidPathException e) {
            return null; // jHDF throws for a missing path
        } catch (RuntimeException e) {
            throw broken(path, e);
        }
        if (node == null) {
            return null;
        }
        if (!(node instanceof Dataset ds)) {
            throw error(path, "is a " + node.getType() + ", not a dataset", "name a dataset");
        }
        return ds;
    }

    /** The dataset at {@code path}; a missing one names every dataset of the file and the fix. */
    Dataset dataset(String path, String fix) {
        Dataset ds = optional(path);
        if (ds == null) {
            throw error(path, "is missing; the file holds the datasets " + datasetNames(), fix);
        }
        return ds;
    }

    /** Whether a group is at {@code path}. */
    boolean hasGroup(String path) {
        try {
            return h.getByPath(path) instanceof Group;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The paths of every dataset in the file, e.g. {@code [Particles, table/axis0]}. */
    List<String> datasetNames() {
        List<String> out = new ArrayList<>();
        collect(h, out);
        return out;
    }

    private static void collect(Group g, List<String> out) {
        for (Node n : g.getChildren().values()) {
            if (n instanceof Dataset) {
                out.add(n.getPath().startsWith("/") ? n.getPath().substring(1) : n.getPath());
            } else if (n instanceof Group sub) {
                collect(sub, out);
            }
        }
    }

    /**
     * The shape of {@code ds}, which must have {@code rank} dimensions (described by {@code axes}).
     */
    int[] shape(Dataset ds, int rank, String axes) {
        int[] dims;
        try {
            dims = ds.getDimensions();
        } catch (RuntimeException e) {
            throw broken(ds.getPath(), e);
        }
        if (dims.length != rank) {
            throw error(
                    ds.getPath(),
                    "has rank " + dims.length + " (shape " + Arrays.toString(dims) + ")",
                    "it must have rank " + rank + ", " + axes);
        }
        return dims;
    }

    /** Refuses {@code ds} unless it holds float32 or float64 values. */
    void checkFloat(Dataset ds) {
        Class<?> t = javaType(ds);
        if (t != float.class && t != double.class) {
            throw error(
                    ds.getPath(),
                    "holds " + t.getSimpleName() + " values",
                    "write it as float32 (or float64), e.g. h5py dtype='f4'");
        }
    }

    /** Refuses {@code ds} unless it holds integers (8 to 64 bit). */
    void checkInteger(Dataset ds) {
        Class<?> t = javaType(ds);
        if (t != int.class && t != long.class && t != short.class && t != byte.class) {
            throw error(
                    ds.getPath(),
                    "holds " + t.getSimpleName() + " values",
                    "write it as an integer dataset (int32 or int64)");
        }
    }

    /**
     * Whether {@code ds} holds booleans as h5py writes numpy {@code bool}: an HDF5 enum {@code
     * {FALSE: 0, TRUE: 1}}, which jHDF reads as the strings "FALSE"/"TRUE". Labels such as {@code
     * is_signal} are sometimes stored so; they read as 0/1.
     */
    static boolean isBoolean(Dataset ds) {
        try {
            return ds.getDataType() instanceof EnumDataType e
                    && Map.of(0, "FALSE", 1, "TRUE").equals(e.getEnumMapping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    static boolean isInteger(Dataset ds) {
        try {
            Class<?> t = ds.getJavaType();
            return t == int.class || t == long.class || t == short.class || t == byte.class;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Class<?> javaType(Dataset ds) {
        try {
            return ds.getJavaType();
        } catch (RuntimeException e) {
            throw broken(ds.getPath(), e);
        }
    }

    /**
     * Rows {@code [from, from + rows)} of a float dataset of any rank, flattened row-major to
     * float32 ({@code rows × (product of the other axes)} values).
     */
    float[] floats(Dataset ds, long from, int rows) {
        int[] dims = ds.getDimensions();
        int[] slice = dims.clone();
        slice[0] = rows;
        long[] offset = new long[dims.length];
        offset[0] = from;
        long per = 1;
        for (int i = 1; i < dims.length; i++) {
            per *= dims[i];
        }
        if (per * rows > Integer.MAX_VALUE - 8) {
            throw error(
                    ds.getPath(),
                    "rows " + from + ".." + (from + rows) + " hold over 2^31 values",
                    "read fewer rows per chunk (--chunk-rows)");
        }
        float[] out = new float[(int) (per * rows)];
        Object data = read(ds, offset, slice);
        int[] at = {0};
        flatten(data, out, at);
        return out;
    }

    /**
     * Rows {@code [from, from + rows)} of an integer (or integral float) dataset of shape {@code
     * [N]} or {@code [N, 1]}, as long.
     */
    long[] longs(Dataset ds, long from, int rows) {
        int rank = ds.getDimensions().length;
        long[] offset = new long[rank];
        offset[0] = from;
        int[] slice = ds.getDimensions().clone();
        slice[0] = rows;
        Object data = read(ds, offset, slice);
        long[] out = new long[rows];
        boolean bool = isBoolean(ds);
        for (int i = 0; i < rows; i++) {
            Object v = Array.get(data, i);
            if (rank == 2) {
                v = Array.get(v, 0);
            }
            if (bool && v instanceof String s) {
                out[i] = "TRUE".equals(s) ? 1 : 0;
                continue;
            }
            if (v instanceof Float || v instanceof Double) {
                double d = ((Number) v).doubleValue();
                if (d != Math.rint(d)) {
                    throw error(
                            ds.getPath(),
                            "holds " + d + " at row " + (from + i),
                            "labels and ids must be whole numbers: write an integer dataset");
                }
            } else if (!(v instanceof Number)) {
                throw error(
                        ds.getPath(),
                        "holds " + v.getClass().getSimpleName() + " values",
                        "write it as an integer dataset (int32 or int64)");
            }
            out[i] = ((Number) v).longValue();
        }
        return out;
    }

    /**
     * Rows {@code [from, from + rows)} of a 2-D numeric dataset (integers or floats), flattened
     * row-major as double (for tables whose blocks mix types).
     */
    double[] numbers(Dataset ds, long from, int rows) {
        int[] dims = ds.getDimensions();
        Object data = read(ds, new long[] {from, 0}, new int[] {rows, dims[1]});
        double[] out = new double[rows * dims[1]];
        int at = 0;
        for (int i = 0; i < rows; i++) {
            Object row = Array.get(data, i);
            for (int j = 0; j < dims[1]; j++) {
                Object v = Array.get(row, j);
                if (!(v instanceof Number num)) {
                    throw error(
                            ds.getPath(),
                            "holds " + v.getClass().getSimpleName() + " values",
                            "write numbers");
                }
                out[at++] = num.doubleValue();
            }
        }
        return out;
    }

    /** A whole dataset of strings (e.g. pandas' column names). */
    String[] strings(Dataset ds) {
        Object data;
        try {
            data = ds.getData();
        } catch (RuntimeException e) {
            throw broken(ds.getPath(), e);
        }
        if (!(data instanceof String[] s)) {
            throw error(
                    ds.getPath(),
                    "holds " + data.getClass().getSimpleName() + ", not strings",
                    "write the names as a 1-D bytes or string dataset");
        }
        return s;
    }

    /**
     * The attribute {@code name} of {@code ds} (or, if absent there, of the root group) as a list
     * of strings (one comma-joined string is split), or null when neither has it.
     */
    List<String> names(Dataset ds, String name) {
        Attribute a = ds == null ? null : ds.getAttribute(name);
        if (a == null) {
            a = h.getAttribute(name);
        }
        if (a == null) {
            return null;
        }
        Object data = a.getData();
        List<String> out = new ArrayList<>();
        if (data instanceof String s) {
            for (String part : s.split(",", -1)) {
                out.add(part.trim());
            }
        } else if (data instanceof String[] arr) {
            for (String s : arr) {
                out.add(s.trim());
            }
        } else {
            throw error(
                    name,
                    "(attribute) is " + data,
                    "store the names as strings, one per feature, or one comma-joined string");
        }
        return out;
    }

    /** The raw attribute {@code name} of the root group, or null. */
    Attribute rootAttribute(String name) {
        return h.getAttribute(name);
    }

    private Object read(Dataset ds, long[] offset, int[] slice) {
        try {
            return ds.getData(offset, slice);
        } catch (RuntimeException e) {
            throw broken(ds.getPath() + " rows " + offset[0] + ".." + (offset[0] + slice[0]), e);
        }
    }

    private static void flatten(Object data, float[] out, int[] at) {
        if (data instanceof float[] f) {
            System.arraycopy(f, 0, out, at[0], f.length);
            at[0] += f.length;
        } else if (data instanceof double[] d) {
            for (double v : d) {
                out[at[0]++] = (float) v;
            }
        } else if (data instanceof Object[] nested) {
            for (Object o : nested) {
                flatten(o, out, at);
            }
        } else {
            throw new IllegalStateException("not a float array: " + data.getClass());
        }
    }

    private DataFormatException broken(String what, RuntimeException e) {
        return new DataFormatException(
                uri
                        + ": "
                        + file
                        + ": cannot read '"
                        + what
                        + "' ("
                        + e.getMessage()
                        + "); the file is truncated or corrupt (download or write it again), or"
                        + " compressed with a filter jHDF lacks, e.g. blosc (rewrite it with gzip"
                        + " or no compression)",
                e);
    }

    /** An error about {@code what} (a dataset, column or attribute) of this file. */
    DataFormatException error(String what, String found, String fix) {
        String name = what.startsWith("/") ? what.substring(1) : what;
        String label = name.isEmpty() ? "the file" : "'" + name + "'";
        return new DataFormatException(uri + ": " + file + ": " + label + " " + found + "; " + fix);
    }

    @Override
    public void close() {
        try {
            h.close();
        } catch (RuntimeException e) {
            // closing a read-only file cannot lose data
        }
    }
}
