package org.hepgraph.io.hdf5;

import io.jhdf.api.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hepgraph.data.PaddedParticles;

/**
 * Jets stored as one float array {@code [N, P, F]} (zero-padded particles), read a row range at a
 * time: hepgraph's jet files, JetNet-style files and any dataset named by the caller.
 *
 * <p>Per jet, the real particles are the first {@code count} rows: {@code count} from the counts
 * dataset when there is one; else from a {@code mask} feature (the last particle with mask &gt; 0;
 * the mask column is then dropped from the features); else one past the last particle with a
 * non-zero feature. Labels: an integer dataset {@code [N]} (or {@code [N, 1]}); a file with any
 * label -1 (unknown) is read as unlabelled. Id columns: every other 1-D integer dataset at the root
 * with {@code N} entries. A NaN or infinite value in a real particle is refused, naming the row,
 * particle and feature.
 */
final class ParticleArrayRows implements JetRows {

    /** Where the parts are and what they are called. */
    record Layout(
            String particles,
            List<String> features,
            List<String> featureAttributes,
            Map<String, String> aliases,
            String counts,
            boolean countsRequired,
            String labels,
            boolean labelsRequired,
            String fix) {}

    private final H5File f;
    private final Dataset particles;
    private final Dataset counts;
    private final Dataset labels;
    private final boolean labelled;
    private final Map<String, Dataset> ids = new LinkedHashMap<>();
    private final int n;
    private final int p;
    private final int numFeatures;
    private final int maskColumn;
    private final List<String> fileNames;
    private final List<String> outNames;

    ParticleArrayRows(H5File f, Layout layout) {
        this.f = f;
        this.particles = f.dataset(layout.particles(), layout.fix());
        int[] dims =
                f.shape(
                        particles,
                        3,
                        "[N, P, F] = [jets, particles, features]; reshape flat arrays to (N, P, F)"
                                + " before writing");
        f.checkFloat(particles);
        n = dims[0];
        p = dims[1];
        numFeatures = dims[2];
        if (p == 0 || numFeatures == 0) {
            throw f.error(
                    layout.particles(),
                    "has shape " + Arrays.toString(dims),
                    "every jet needs particles with features (P >= 1, F >= 1)");
        }
        fileNames = featureNames(layout);
        int mask = -1;
        for (int i = 0; i < fileNames.size(); i++) {
            if (fileNames.get(i).equalsIgnoreCase("mask")) {
                mask = i;
            }
        }
        maskColumn = mask;
        List<String> names = new ArrayList<>();
        List<String> lower = fileNames.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        for (int i = 0; i < fileNames.size(); i++) {
            if (i == maskColumn) {
                continue;
            }
            String alias = layout.aliases().get(lower.get(i));
            names.add(alias != null && !lower.contains(alias) ? alias : fileNames.get(i));
        }
        if (names.isEmpty()) {
            throw f.error(
                    layout.particles(),
                    "has only a mask feature " + fileNames,
                    "store the particles' features (e.g. pt, eta, phi, e) next to the mask");
        }
        outNames = List.copyOf(names);
        counts = optional(layout.counts(), layout.countsRequired(), layout.fix());
        if (counts != null) {
            checkPerRow(counts, false);
        }
        Dataset l = optional(layout.labels(), layout.labelsRequired(), layout.fix());
        if (l != null) {
            checkPerRow(l, true);
        }
        labels = l;
        labelled = l != null && !anyUnknown(l);
        for (String name : f.datasetNames()) {
            Dataset ds = f.optional(name);
            if (name.contains("/")
                    || ds == particles
                    || ds == counts
                    || ds == labels
                    || name.equals(layout.particles())
                    || name.equals(layout.labels())
                    || name.equals(layout.counts())
                    || !H5File.isInteger(ds)
                    || ds.getDimensions().length != 1
                    || ds.getDimensions()[0] != n) {
                continue;
            }
            ids.put(name, ds);
        }
    }

    /**
     * Whether a label is -1 (unknown, as {@link JetHdf5} writes for unlabelled jets): then the file
     * is read as unlabelled, as the whole-file reader does, so that no AUC rests on guessed
     * classes. Reads the labels in slices (8 bytes per row).
     */
    private boolean anyUnknown(Dataset l) {
        for (long from = 0; from < n; from += 1 << 20) {
            for (long y : f.longs(l, from, (int) Math.min(1 << 20, n - from))) {
                if (y == -1) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<String> featureNames(Layout layout) {
        List<String> names = layout.features();
        String where = "option features";
        if (names == null) {
            for (String attr : layout.featureAttributes()) {
                names = f.names(particles, attr);
                where = "attribute " + attr;
                if (names != null) {
                    break;
                }
            }
        }
        if (names == null) {
            names = new ArrayList<>();
            for (int i = 0; i < numFeatures; i++) {
                names.add("f" + i);
            }
            return names;
        }
        if (names.size() != numFeatures) {
            throw f.error(
                    layout.particles(),
                    "has "
                            + numFeatures
                            + " features but the "
                            + where
                            + " names "
                            + names.size()
                            + " "
                            + names,
                    "give one name per feature (the last axis of "
                            + layout.particles()
                            + "), in order");
        }
        return names;
    }

    private Dataset optional(String name, boolean required, String fix) {
        if (name == null) {
            return null;
        }
        return required ? f.dataset(name, fix) : f.optional(name);
    }

    private void checkPerRow(Dataset ds, boolean allowColumn) {
        int[] dims = ds.getDimensions();
        boolean ok =
                dims.length == 1 && dims[0] == n
                        || allowColumn && dims.length == 2 && dims[0] == n && dims[1] == 1;
        if (!ok) {
            throw f.error(
                    ds.getPath(),
                    "has shape " + Arrays.toString(dims) + " but the particles have " + n + " rows",
                    "write one entry per jet, shape [" + n + "]");
        }
        if (!H5File.isInteger(ds) && !H5File.isBoolean(ds)) {
            f.checkFloat(ds); // integral floats are accepted (h5py writes labels as float)
        }
    }

    @Override
    public long rowCount() {
        return n;
    }

    @Override
    public List<String> featureNames() {
        return outNames;
    }

    @Override
    public Slice read(long from, int rows) {
        long[] rowIds = new long[rows];
        for (int i = 0; i < rows; i++) {
            rowIds[i] = from + i;
        }
        if (rows == 0) {
            return new Slice(
                    new PaddedParticles(
                            0, p, outNames.size(), new float[0], new int[0], new int[0], outNames),
                    rowIds,
                    labelled ? new int[0] : null,
                    Map.of());
        }
        float[] v = f.floats(particles, from, rows);
        int fIn = numFeatures;
        int[] count = counts(v, from, rows);
        for (int r = 0; r < rows; r++) {
            for (int i = r * p * fIn; i < (r * p + count[r]) * fIn; i++) {
                if (!Float.isFinite(v[i])) {
                    throw f.error(
                            particles.getPath(),
                            String.format(
                                    "jet (row) %d, particle %d, feature '%s' is %s",
                                    from + r, (i / fIn) % p, fileNames.get(i % fIn), v[i]),
                            "every value of a real particle must be finite: fix or drop that jet");
                }
            }
        }
        float[] out = v;
        if (maskColumn >= 0) {
            int fOut = fIn - 1;
            out = new float[rows * p * fOut];
            for (int r = 0; r < rows * p; r++) {
                for (int c = 0, o = 0; c < fIn; c++) {
                    if (c != maskColumn) {
                        out[r * fOut + o++] = v[r * fIn + c];
                    }
                }
            }
        }
        int[] lab = new int[rows];
        int[] rawLabels = null;
        if (labels != null) {
            long[] raw = f.longs(labels, from, rows);
            rawLabels = new int[rows];
            for (int i = 0; i < rows; i++) {
                if (raw[i] < Integer.MIN_VALUE || raw[i] > Integer.MAX_VALUE) {
                    throw f.error(
                            labels.getPath(),
                            "holds " + raw[i] + " at row " + (from + i),
                            "use small integer labels (0 background, 1 signal)");
                }
                rawLabels[i] = (int) raw[i];
            }
            lab = rawLabels.clone();
        } else {
            Arrays.fill(lab, -1);
        }
        Map<String, long[]> idValues = new LinkedHashMap<>();
        ids.forEach((name, ds) -> idValues.put(name, f.longs(ds, from, rows)));
        PaddedParticles jets =
                new PaddedParticles(rows, p, outNames.size(), out, count, lab, outNames);
        return new Slice(jets, rowIds, labelled ? rawLabels : null, idValues);
    }

    private int[] counts(float[] v, long from, int rows) {
        int[] out = new int[rows];
        int fIn = numFeatures;
        if (counts != null) {
            long[] raw = f.longs(counts, from, rows);
            for (int i = 0; i < rows; i++) {
                if (raw[i] < 0 || raw[i] > p) {
                    throw f.error(
                            counts.getPath(),
                            "holds " + raw[i] + " at row " + (from + i),
                            "counts must lie in [0, " + p + "] (P, the padded length)");
                }
                out[i] = (int) raw[i];
            }
            return out;
        }
        for (int i = 0; i < rows; i++) {
            int last = -1;
            for (int j = 0; j < p; j++) {
                int base = (i * p + j) * fIn;
                if (maskColumn >= 0) {
                    if (v[base + maskColumn] > 0) {
                        last = j;
                    }
                    continue;
                }
                for (int c = 0; c < fIn; c++) {
                    if (v[base + c] != 0f) {
                        last = j;
                        break;
                    }
                }
            }
            out[i] = last + 1;
        }
        return out;
    }

    @Override
    public void close() {
        f.close();
    }
}
