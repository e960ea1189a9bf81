package org.hepgraph.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.object.datatype.FloatingPoint;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.PaddedParticles;

/**
 * Reads and writes {@link PaddedParticles} as HDF5 jet files, through jHDF 0.13.0.
 *
 * <p>Layout (format version {@value #FORMAT_VERSION}):
 *
 * <ul>
 *   <li>{@code particles} float32 {@code [N, P, F]}, zero-padded; written chunked ({@code [min(N,
 *       1024), P, F]}) with shuffle + deflate level 4
 *   <li>{@code counts} int32 {@code [N]}: real particles per jet (optional when reading)
 *   <li>{@code labels} int64 {@code [N]}: truth labels (optional when reading: then {@code -1})
 *   <li>attributes {@code features} (the feature names joined by commas) and {@code format_version}
 *       (int, {@value #FORMAT_VERSION}) on the root group; the reader also looks for them on {@code
 *       particles}
 * </ul>
 *
 * <p>The reader also takes files written by h5py: a float64 {@code particles} is narrowed to
 * float32; without {@code counts}, jet {@code i}'s count is one past its last particle row with a
 * non-zero feature (zero padding sits at the end); without {@code features} the names are {@code
 * f0, f1, ...}; without {@code format_version} version 1 is assumed. A contiguous float32 {@code
 * particles} is copied straight from jHDF's memory-mapped buffer. Every problem (missing file, not
 * HDF5 or truncated, missing dataset, wrong rank or type, lengths that disagree, unknown version)
 * is a {@link DataFormatException} naming the file, the dataset, what was found and the fix.
 */
public final class JetHdf5 {

    /** The layout version this class writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    public static final String PARTICLES = "particles";
    public static final String COUNTS = "counts";
    public static final String LABELS = "labels";
    public static final String FEATURES = "features";
    public static final String VERSION = "format_version";

    /** Rows ({@code N}) per chunk of {@code particles}. */
    public static final int CHUNK_JETS = 1024;

    private JetHdf5() {}

    /**
     * Writes {@code jets} to {@code file} (replacing it) in the layout of the class doc. jHDF
     * writes only nested Java arrays, so this holds a {@code float[N][P][F]} copy of the values
     * while it runs (about twice the memory of {@code jets.values()}).
     */
    public static void write(Path file, PaddedParticles jets) {
        int n = jets.numJets();
        int p = jets.maxParticles();
        int f = jets.numFeatures();
        if (n == 0 || p == 0 || f == 0) {
            throw new InvalidArgumentException(
                    String.format(
                            "JetHdf5.write: jets have shape [%d, %d, %d]; HDF5 chunked datasets"
                                    + " need every dimension >= 1, so drop empty sets before"
                                    + " writing",
                            n, p, f));
        }
        for (String name : jets.featureNames()) {
            if (name.contains(",")) {
                throw new InvalidArgumentException(
                        "JetHdf5.write: feature name '"
                                + name
                                + "' contains a comma, which separates names in the '"
                                + FEATURES
                                + "' attribute; rename the feature");
            }
        }
        float[][][] nested = new float[n][p][f];
        float[] v = jets.values();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                System.arraycopy(v, (i * p + j) * f, nested[i][j], 0, f);
            }
        }
        long[] labels = Arrays.stream(jets.labels()).asLongStream().toArray();
        DatasetCreationOptions chunked =
                DatasetCreationOptions.builder()
                        .chunkDimensions(Math.min(n, CHUNK_JETS), p, f)
                        .shuffle()
                        .deflate(4)
                        .build();
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putAttribute(VERSION, FORMAT_VERSION);
            out.putAttribute(FEATURES, String.join(",", jets.featureNames()));
            out.putDataset(PARTICLES, nested, chunked);
            out.putDataset(COUNTS, jets.counts().clone());
            out.putDataset(LABELS, labels);
        } catch (RuntimeException e) {
            throw new DataFormatException(
                    "JetHdf5.write: cannot write "
                            + file
                            + " ("
                            + e
                            + "); check that the folder exists and is writable",
                    e);
        }
    }

    /** Reads the jets of {@code file} (a copy: nothing stays mapped after the call). */
    public static PaddedParticles read(Path file) {
        if (Files.isDirectory(file)) {
            throw new DataFormatException(
                    "JetHdf5: "
                            + file.toAbsolutePath()
                            + " is a directory; give the path of an HDF5 jet file inside it");
        }
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(
                    "JetHdf5: file "
                            + file.toAbsolutePath()
                            + " does not exist; check the path (relative paths start at "
                            + Path.of("").toAbsolutePath()
                            + ")");
        }
        try (HdfFile h = new HdfFile(file)) {
            H5File.checkLength("JetHdf5", file, h);
            return new Reading(file, h).read();
        } catch (DataFormatException e) {
            throw e;
        } catch (java.io.IOException | RuntimeException e) {
            throw new DataFormatException(
                    "JetHdf5: "
                            + file
                            + " is not a readable HDF5 file ("
                            + e.getMessage()
                            + "); it may be truncated or not HDF5 at all: re-create it with"
                            + " JetHdf5.write or h5py",
                    e);
        }
    }

    /**
     * The id columns of {@code file}: every 1-D integer dataset at the root with one entry per jet
     * ({@code numJets}), other than {@code counts} and {@code labels} (e.g. {@code event_id},
     * {@code run}), by name, widened to long. Other datasets are ignored. Call after {@link #read}
     * (which reports a missing or broken file).
     */
    public static Map<String, long[]> idColumns(Path file, int numJets) {
        Map<String, long[]> out = new TreeMap<>();
        try (HdfFile h = new HdfFile(file)) {
            for (Map.Entry<String, Node> e : h.getChildren().entrySet()) {
                String name = e.getKey();
                if (name.equals(PARTICLES)
                        || name.equals(COUNTS)
                        || name.equals(LABELS)
                        || !(e.getValue() instanceof Dataset ds)
                        || ds.getDimensions().length != 1
                        || ds.getDimensions()[0] != numJets) {
                    continue;
                }
                long[] v = integers(ds.getDataFlat(), numJets);
                if (v != null) {
                    out.put(name, v);
                }
            }
        } catch (RuntimeException e) {
            throw new DataFormatException(
                    "JetHdf5: cannot read the id columns of "
                            + file
                            + " ("
                            + e.getMessage()
                            + "); re-create the file with JetHdf5.write or h5py",
                    e);
        }
        return out;
    }

    /** The first {@code n} values of an integer array widened to long, or null if not integer. */
    private static long[] integers(Object flat, int n) {
        if (!(flat instanceof int[]
                || flat instanceof long[]
                || flat instanceof short[]
                || flat instanceof byte[])) {
            return null;
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = ((Number) Array.get(flat, i)).longValue();
        }
        return out;
    }

    /** One read of one open file; holds the names for the error messages. */
    private record Reading(Path file, HdfFile h) {

        PaddedParticles read() {
            checkVersion(h.getAttribute(VERSION));
            Dataset particles = dataset(PARTICLES);
            if (particles == null) {
                throw error(
                        PARTICLES,
                        "is missing; the file holds " + h.getChildren().keySet(),
                        "write the jets as a float32 dataset 'particles' of shape [N, P, F]");
            }
            checkVersion(particles.getAttribute(VERSION));
            int[] dims = particles.getDimensions();
            if (dims.length != 3) {
                throw error(
                        PARTICLES,
                        "has rank " + dims.length + " (shape " + Arrays.toString(dims) + ")",
                        "it must have rank 3, [N, P, F] = [jets, particles, features]; reshape"
                                + " flat arrays to (N, P, F) before writing");
            }
            int n = dims[0];
            int p = dims[1];
            int f = dims[2];
            if ((long) n * p * f > Integer.MAX_VALUE - 8) {
                throw error(
                        PARTICLES,
                        "has shape " + Arrays.toString(dims) + ", over 2^31 values",
                        "split the file into parts of fewer jets");
            }
            float[] values = floats(particles, n * p * f);
            int[] counts = counts(n, p, f, values);
            int[] labels = labels(n);
            List<String> names = featureNames(particles, f);
            return new PaddedParticles(n, p, f, values, counts, labels, names);
        }

        private float[] floats(Dataset ds, int size) {
            Class<?> type = ds.getJavaType();
            if (type == float.class
                    && ds instanceof ContiguousDataset c
                    && ds.getDataType() instanceof FloatingPoint fp) {
                ByteBuffer buffer = c.getBuffer().duplicate().order(fp.getByteOrder());
                float[] out = new float[size];
                buffer.asFloatBuffer().get(out);
                return out;
            }
            Object flat = ds.getDataFlat();
            if (flat instanceof float[] a) {
                return a;
            }
            if (flat instanceof double[] d) {
                float[] out = new float[d.length];
                for (int i = 0; i < d.length; i++) {
                    out[i] = (float) d[i];
                }
                return out;
            }
            throw error(
                    ds.getName(),
                    "holds " + type.getSimpleName() + " values",
                    "write it as float32 (or float64), e.g. h5py dtype='f4'");
        }

        private int[] counts(int n, int p, int f, float[] values) {
            Dataset ds = dataset(COUNTS);
            int[] counts = new int[n];
            if (ds == null) {
                for (int i = 0; i < n; i++) {
                    int last = -1;
                    for (int j = 0; j < p; j++) {
                        int row = (i * p + j) * f;
                        for (int k = 0; k < f; k++) {
                            if (values[row + k] != 0f) {
                                last = j;
                                break;
                            }
                        }
                    }
                    counts[i] = last + 1;
                }
                return counts;
            }
            long[] raw = longs(ds, n);
            for (int i = 0; i < n; i++) {
                if (raw[i] < 0 || raw[i] > p) {
                    throw error(
                            COUNTS,
                            "holds " + raw[i] + " for jet " + i,
                            "counts must lie in [0, " + p + "] (P, the padded length)");
                }
                counts[i] = (int) raw[i];
            }
            return counts;
        }

        private int[] labels(int n) {
            Dataset ds = dataset(LABELS);
            int[] labels = new int[n];
            if (ds == null) {
                Arrays.fill(labels, -1);
                return labels;
            }
            long[] raw = longs(ds, n);
            for (int i = 0; i < n; i++) {
                if (raw[i] < Integer.MIN_VALUE || raw[i] > Integer.MAX_VALUE) {
                    throw error(LABELS, "holds " + raw[i] + " for jet " + i, "use small ints");
                }
                labels[i] = (int) raw[i];
            }
            return labels;
        }

        /** A 1-D integer dataset of {@code n} entries, widened to long. */
        private long[] longs(Dataset ds, int n) {
            int[] dims = ds.getDimensions();
            if (dims.length != 1 || dims[0] != n) {
                throw error(
                        ds.getName(),
                        "has shape " + Arrays.toString(dims) + " but particles has " + n + " jets",
                        "write one entry per jet, shape [" + n + "]");
            }
            long[] out = integers(ds.getDataFlat(), n);
            if (out != null) {
                return out;
            }
            throw error(
                    ds.getName(),
                    "holds " + ds.getJavaType().getSimpleName() + " values",
                    "write it as an integer dataset (int32 or int64)");
        }

        private List<String> featureNames(Dataset particles, int f) {
            Attribute attr = attribute(particles, FEATURES);
            List<String> names = new ArrayList<>();
            if (attr == null) {
                for (int k = 0; k < f; k++) {
                    names.add("f" + k);
                }
                return names;
            }
            Object data = attr.getData();
            if (data instanceof String s) {
                for (String part : s.split(",", -1)) {
                    names.add(part.trim());
                }
            } else if (data instanceof String[] a) {
                names.addAll(Arrays.asList(a));
            } else {
                throw error(FEATURES, "is " + data, "store the names as one comma-joined string");
            }
            if (names.size() != f) {
                throw error(
                        FEATURES,
                        "names " + names.size() + " features " + names + " but particles has " + f,
                        "give one name per feature (last axis of particles)");
            }
            return names;
        }

        private void checkVersion(Attribute attr) {
            if (attr == null) {
                return; // files from h5py carry no version: read as version 1
            }
            Object data = attr.getData();
            if (data != null && data.getClass().isArray() && Array.getLength(data) == 1) {
                data = Array.get(data, 0);
            }
            if (!(data instanceof Number num)
                    || num.longValue() < 1
                    || num.longValue() > FORMAT_VERSION) {
                throw error(
                        VERSION,
                        "is " + data + " but this reader knows versions 1.." + FORMAT_VERSION,
                        "upgrade hepgraph to read this file, or re-write it with this version");
            }
        }

        private Dataset dataset(String name) {
            Node node = h.getChildren().get(name);
            if (node == null) {
                return null;
            }
            if (!(node instanceof Dataset ds)) {
                throw error(name, "is a " + node.getType() + ", not a dataset", "write a dataset");
            }
            return ds;
        }

        private Attribute attribute(Dataset particles, String name) {
            Attribute attr = h.getAttribute(name);
            return attr != null ? attr : particles.getAttribute(name);
        }

        private DataFormatException error(String what, String found, String fix) {
            return new DataFormatException(
                    "JetHdf5: " + file + ": '" + what + "' " + found + "; " + fix);
        }
    }
}
