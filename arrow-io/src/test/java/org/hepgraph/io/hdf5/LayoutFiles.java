package org.hepgraph.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small files in the field's layouts, written at test time with jHDF's writer (the Python tests
 * write the same layouts with pandas and h5py): ADC2021 events, the top-tagging pandas table (same
 * datasets as {@code to_hdf(key="table", format="fixed")}) and JetNet-style particles.
 */
final class LayoutFiles {

    private LayoutFiles() {}

    /** ADC2021 events {@code [n][19][4]}: MET, 1-2 electrons, 0-2 muons, 0-6 jets; seeded. */
    static float[][][] adcEvents(int n, long seed) {
        Random r = new Random(seed);
        float[][][] x = new float[n][19][4];
        for (int i = 0; i < n; i++) {
            x[i][0] = new float[] {10 + 50 * r.nextFloat(), 0f, phi(r), 1f};
            fill(r, x[i], 1, 1 + r.nextInt(2), 2f);
            fill(r, x[i], 5, r.nextInt(3), 3f);
            fill(r, x[i], 9, r.nextInt(7), 4f);
        }
        return x;
    }

    private static void fill(Random r, float[][] event, int start, int m, float cls) {
        float pt = 200;
        for (int j = 0; j < m; j++) {
            pt = pt * (0.3f + 0.6f * r.nextFloat()) + 23;
            event[start + j] = new float[] {pt, (float) r.nextGaussian(), phi(r), cls};
        }
    }

    private static float phi(Random r) {
        return (float) ((r.nextFloat() * 2 - 1) * Math.PI);
    }

    /** Writes an ADC2021 file with {@code particles} as {@code Particles} (any shape/type). */
    static Path adc(Path file, Object particles) {
        try (WritableHdfFile w = HdfFile.write(file)) {
            w.putDataset("Particles", particles);
            w.putDataset("Particles_Names", new String[] {"Pt", "Eta", "Phi", "Class"});
            w.putDataset(
                    "Particles_Classes",
                    new String[] {
                        "MET_class_1", "Four_Ele_class_2", "Four_Mu_class_3", "Ten_Jet_class_4"
                    });
        }
        return file;
    }

    /**
     * A top-tagging table of {@code n} jets with {@code p} constituents: {@code E_i, PX_i, PY_i,
     * PZ_i} in block 0 (float), {@code ttv, is_signal_new} in block 1 (int64); jet {@code j} has
     * {@code 2 + j % (p - 1)} constituents, label {@code j % 2}, ttv {@code j % 3}. {@code drop}
     * names a column to leave out; {@code nanAt} = {row, column index in block 0} set to NaN.
     */
    static Path pandas(Path file, int n, int p, String drop, int[] nanAt) {
        List<String> names = new ArrayList<>();
        for (String c : new String[] {"E_", "PX_", "PY_", "PZ_"}) {
            for (int i = 0; i < p; i++) {
                if (!(c + i).equals(drop)) {
                    names.add(c + i);
                }
            }
        }
        float[][] values = new float[n][names.size()];
        long[][] ints = new long[n][2];
        Random r = new Random(7);
        for (int j = 0; j < n; j++) {
            int m = 2 + j % (p - 1);
            for (int i = 0; i < m; i++) {
                double pt = 5 + 50 * r.nextDouble();
                double eta = 0.2 * r.nextGaussian();
                double phi = 0.2 * r.nextGaussian();
                set(values[j], names, "E_" + i, pt * Math.cosh(eta));
                set(values[j], names, "PX_" + i, pt * Math.cos(phi));
                set(values[j], names, "PY_" + i, pt * Math.sin(phi));
                set(values[j], names, "PZ_" + i, pt * Math.sinh(eta));
            }
            ints[j] = new long[] {j % 3, j % 2};
        }
        if (nanAt != null) {
            values[nanAt[0]][nanAt[1]] = Float.NaN;
        }
        long[] index = new long[n];
        for (int j = 0; j < n; j++) {
            index[j] = j;
        }
        List<String> all = new ArrayList<>(names);
        all.addAll(List.of("ttv", "is_signal_new"));
        try (WritableHdfFile w = HdfFile.write(file)) {
            WritableGroup t = w.putGroup("table");
            t.putDataset("axis0", all.toArray(String[]::new));
            t.putDataset("axis1", index);
            t.putDataset("block0_items", names.toArray(String[]::new));
            t.putDataset("block0_values", values);
            t.putDataset("block1_items", new String[] {"ttv", "is_signal_new"});
            t.putDataset("block1_values", ints);
        }
        return file;
    }

    private static void set(float[] row, List<String> names, String name, double v) {
        int at = names.indexOf(name);
        if (at >= 0) {
            row[at] = (float) v;
        }
    }

    /** JetNet style: {@code particle_features [n][p][4]} (etarel, phirel, ptrel, mask), labels. */
    static Path jetnet(Path file, int n, int p) {
        Random r = new Random(3);
        float[][][] x = new float[n][p][4];
        long[] labels = new long[n];
        for (int j = 0; j < n; j++) {
            int m = 2 + j % (p - 1);
            for (int i = 0; i < m; i++) {
                x[j][i] =
                        new float[] {
                            (float) (0.1 * r.nextGaussian()),
                            (float) (0.1 * r.nextGaussian()),
                            r.nextFloat() / m,
                            1f
                        };
            }
            labels[j] = j % 2;
        }
        try (WritableHdfFile w = HdfFile.write(file)) {
            w.putDataset("particle_features", x)
                    .putAttribute(
                            "particle_features_names",
                            new String[] {"etarel", "phirel", "ptrel", "mask"});
            w.putDataset("labels", labels);
        }
        return file;
    }

    /** Keeps the first third of {@code file}'s bytes. */
    static Path truncate(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        Path out = file.resolveSibling("truncated-" + file.getFileName());
        Files.write(out, java.util.Arrays.copyOf(b, b.length / 3));
        return out;
    }

    /** 4 KiB of seeded random bytes. */
    static Path corrupt(Path dir) throws IOException {
        byte[] b = new byte[4096];
        new Random(1).nextBytes(b);
        return Files.write(dir.resolve("corrupt.h5"), b);
    }
}
