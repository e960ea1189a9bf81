package org.hepgraph.io.hdf5;

import static org.hepgraph.data.JetKinematics.asinh;

import io.jhdf.api.Dataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hepgraph.data.PaddedParticles;

/**
 * The top-tagging reference layout (Kasieczka et al.): a pandas DataFrame written with {@code
 * to_hdf(path, key="table", format="fixed")}, read a row range at a time.
 *
 * <p>pandas stores the columns in blocks by dtype: {@code table/blockK_items} (the column names)
 * and {@code table/blockK_values} ({@code [N, columns]}). Columns are found by name in every block,
 * never by block number, and unknown columns are ignored. Constituents: {@code E_i, PX_i, PY_i,
 * PZ_i} for {@code i = 0 .. P-1} ({@code P} = the number of {@code E_i} columns, 200 in the
 * reference files), zero-padded; a constituent is real when any of its four values is non-zero.
 * Each becomes {@code (pt, eta, phi, e)} with {@code pt = sqrt(px² + py²)}, {@code eta = asinh(pz /
 * pt)}, {@code phi = atan2(py, px)}. Labels: {@code is_signal_new} (1 top, 0 QCD), when present.
 * {@code ttv} (0 train, 1 test, 2 validation), when a split is chosen, keeps only that split's
 * rows.
 */
final class PandasJetRows implements JetRows {

    /** The feature names of the particles this reader yields. */
    static final List<String> FEATURES = PaddedParticles.PT_ETA_PHI_E;

    static final String LABEL = "is_signal_new";
    static final String SPLIT = "ttv";

    /** A column's place: block number and index in it. */
    private record Column(int block, int index) {}

    private final H5File f;
    private final String group;
    private final List<Dataset> blocks = new ArrayList<>();
    private final List<Boolean> floatBlock = new ArrayList<>();
    private final Map<String, Column> columns = new HashMap<>();
    private final int n;
    private final int p;
    private final Column[][] constituents; // [P][E, PX, PY, PZ]
    private final Column label;
    private final Column split;
    private final Integer keepSplit;

    /**
     * @param keepSplit the {@code ttv} value to keep, or null for every row
     */
    PandasJetRows(H5File f, String group, Integer keepSplit) {
        this.f = f;
        this.group = group;
        this.keepSplit = keepSplit;
        List<String> all = new ArrayList<>();
        List<String[]> itemsOf = new ArrayList<>();
        for (int b = 0; f.optional(group + "/block" + b + "_items") != null; b++) {
            String[] items = f.strings(f.optional(group + "/block" + b + "_items"));
            itemsOf.add(items);
            for (int i = 0; i < items.length; i++) {
                columns.put(items[i], new Column(b, i));
                all.add(items[i]);
            }
        }
        if (itemsOf.isEmpty()) {
            throw f.error(
                    group + "/block0_items",
                    "is missing; the file holds the datasets " + f.datasetNames(),
                    "write the table with pandas DataFrame.to_hdf(path, key=\"table\","
                            + " format=\"fixed\")");
        }
        // Only blocks holding a column this reader uses are opened: pandas stores text columns
        // as pickled objects (a 1-D dataset), which are ignored like any unknown column.
        int rows = -1;
        for (int b = 0; b < itemsOf.size(); b++) {
            String[] items = itemsOf.get(b);
            boolean used = false;
            for (String item : items) {
                used |=
                        item.matches("(E|PX|PY|PZ)_\\d+")
                                || item.equals(LABEL)
                                || item.equals(SPLIT);
            }
            if (!used) {
                blocks.add(null);
                floatBlock.add(false);
                continue;
            }
            Dataset values =
                    f.dataset(
                            group + "/block" + b + "_values",
                            "the pandas table is incomplete: write it again with"
                                    + " DataFrame.to_hdf(path, key=\"table\", format=\"fixed\")");
            int[] dims = f.shape(values, 2, "[rows, columns] as pandas writes a block of a table");
            if (dims[1] != items.length) {
                throw f.error(
                        values.getPath(),
                        "has "
                                + dims[1]
                                + " columns but block"
                                + b
                                + "_items names "
                                + items.length,
                        "the pandas table is corrupt: write it again");
            }
            if (rows >= 0 && dims[0] != rows) {
                throw f.error(
                        values.getPath(),
                        "has " + dims[0] + " rows but another block has " + rows,
                        "the pandas table is corrupt: write it again");
            }
            rows = dims[0];
            boolean isFloat = !H5File.isInteger(values);
            if (isFloat) {
                f.checkFloat(values);
            }
            blocks.add(values);
            floatBlock.add(isFloat);
        }
        n = Math.max(rows, 0);
        int count = 0;
        while (columns.containsKey("E_" + count)) {
            count++;
        }
        if (count == 0) {
            throw f.error(
                    group,
                    "has no column 'E_0'; its columns are " + abbreviate(all),
                    "the top-tagging layout needs constituent columns E_0.., PX_0.., PY_0..,"
                            + " PZ_0.. (and is_signal_new for labels)");
        }
        p = count;
        constituents = new Column[p][4];
        String[] prefixes = {"E_", "PX_", "PY_", "PZ_"};
        for (int i = 0; i < p; i++) {
            for (int c = 0; c < 4; c++) {
                String name = prefixes[c] + i;
                Column col = columns.get(name);
                if (col == null) {
                    throw f.error(
                            group,
                            "has column E_" + i + " but no column '" + name + "'",
                            "every constituent needs E_i, PX_i, PY_i and PZ_i columns");
                }
                if (!floatBlock.get(col.block())) {
                    throw f.error(
                            group + "/" + name,
                            "(column) holds integers",
                            "write the constituent 4-vectors as float32 columns");
                }
                constituents[i][c] = col;
            }
        }
        label = columns.get(LABEL);
        split = columns.get(SPLIT);
        if (keepSplit != null && split == null) {
            throw f.error(
                    group,
                    "has no column '" + SPLIT + "' to choose a split by",
                    "leave the option ttv out to read every row");
        }
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 12
                ? names.toString()
                : names.subList(0, 10) + " ... (" + names.size() + " columns)";
    }

    /** Whether the table has labels. */
    boolean labelled() {
        return label != null;
    }

    @Override
    public long rowCount() {
        return n;
    }

    @Override
    public List<String> featureNames() {
        return FEATURES;
    }

    @Override
    public Slice read(long from, int rows) {
        float[][] floats = new float[blocks.size()][];
        double[][] numbers = new double[blocks.size()][];
        int[] width = new int[blocks.size()];
        for (int b = 0; b < blocks.size(); b++) {
            if (blocks.get(b) == null) {
                continue;
            }
            width[b] = blocks.get(b).getDimensions()[1];
            boolean needed = false;
            for (Column[] c : constituents) {
                needed |= c[0].block() == b;
            }
            if (needed && floatBlock.get(b)) {
                floats[b] = rows == 0 ? new float[0] : f.floats(blocks.get(b), from, rows);
            }
            if ((label != null && label.block() == b) || (split != null && split.block() == b)) {
                numbers[b] = rows == 0 ? new double[0] : f.numbers(blocks.get(b), from, rows);
            }
        }
        List<Integer> kept = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            if (keepSplit == null || value(numbers, width, split, r) == keepSplit) {
                kept.add(r);
            }
        }
        int m = kept.size();
        float[] v = new float[m * p * 4];
        int[] counts = new int[m];
        int[] labels = new int[m];
        long[] rowIds = new long[m];
        for (int k = 0; k < m; k++) {
            int r = kept.get(k);
            rowIds[k] = from + r;
            int last = -1;
            for (int i = 0; i < p; i++) {
                float[] four = new float[4];
                for (int c = 0; c < 4; c++) {
                    Column col = constituents[i][c];
                    four[c] = floats[col.block()][r * width[col.block()] + col.index()];
                    if (!Float.isFinite(four[c])) {
                        throw f.error(
                                group + "/" + new String[] {"E_", "PX_", "PY_", "PZ_"}[c] + i,
                                "(column) is " + four[c] + " at row " + (from + r),
                                "every constituent value must be finite: fix or drop that jet");
                    }
                }
                if (four[0] == 0f && four[1] == 0f && four[2] == 0f && four[3] == 0f) {
                    continue;
                }
                last = i;
                double pt = Math.hypot(four[1], four[2]);
                int at = (k * p + i) * 4;
                v[at] = (float) pt;
                v[at + 1] = (float) asinh(four[3] / pt);
                v[at + 2] = (float) Math.atan2(four[2], four[1]);
                v[at + 3] = four[0];
            }
            counts[k] = last + 1;
            labels[k] = label == null ? -1 : labelAt(numbers, width, r, from);
        }
        PaddedParticles jets = new PaddedParticles(m, p, 4, v, counts, labels, FEATURES);
        return new Slice(jets, rowIds, label == null ? null : labels, Map.of());
    }

    private int labelAt(double[][] numbers, int[] width, int r, long from) {
        double y = value(numbers, width, label, r);
        if (y != Math.rint(y) || Math.abs(y) > 1e9) {
            throw f.error(
                    group + "/" + LABEL,
                    "(column) is " + y + " at row " + (from + r),
                    "labels must be whole numbers (1 top, 0 QCD)");
        }
        return (int) y;
    }

    private static double value(double[][] numbers, int[] width, Column col, int r) {
        return numbers[col.block()][r * width[col.block()] + col.index()];
    }

    @Override
    public void close() {
        f.close();
    }

    @Override
    public String toString() {
        return "PandasJetRows(" + f.file() + ", rows=" + n + ", P=" + p + ")";
    }
}
