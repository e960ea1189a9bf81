package org.hepgraph.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ContiguousDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.data.PaddedParticles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JetHdf5Test {

    /** {@code n} jets of up to {@code p} particles with random (non-zero) features. */
    static PaddedParticles jets(int n, int p, long seed) {
        Random r = new Random(seed);
        int f = 4;
        float[] v = new float[n * p * f];
        int[] counts = new int[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            counts[i] = 1 + r.nextInt(p);
            labels[i] = r.nextInt(2);
            for (int j = 0; j < counts[i]; j++) {
                for (int k = 0; k < f; k++) {
                    v[(i * p + j) * f + k] = 0.5f + r.nextFloat() * (k == 0 ? 100 : 1);
                }
            }
        }
        return new PaddedParticles(n, p, f, v, counts, labels, PaddedParticles.PT_ETA_PHI_E);
    }

    /**
     * One file per format version stays in the test resources: a reader that stops understanding
     * files it once wrote fails here. Regenerate only for a new version: {@code main(path)}.
     */
    @Test
    void formatVersionOneFileStillReads() throws Exception {
        Path file = Path.of(getClass().getResource("/jets-format-v1.h5").toURI());
        PaddedParticles back = JetHdf5.read(file);
        PaddedParticles expected = jets(20, 8, 7L);
        assertArrayEquals(expected.values(), back.values());
        assertArrayEquals(expected.counts(), back.counts());
        assertArrayEquals(expected.labels(), back.labels());
        assertEquals(PaddedParticles.PT_ETA_PHI_E, back.featureNames());
    }

    /** Writes the format-version-1 fixture (20 jets of up to 8 particles, seed 7). */
    public static void main(String[] args) {
        JetHdf5.write(Path.of(args[0]), jets(20, 8, 7L));
    }

    @Test
    void roundTripIsExact(@TempDir Path dir) {
        PaddedParticles jets = jets(1500, 30, 1L); // more than one chunk of 1024 jets
        Path file = dir.resolve("jets.h5");
        JetHdf5.write(file, jets);
        PaddedParticles back = JetHdf5.read(file);
        assertEquals(1500, back.numJets());
        assertEquals(30, back.maxParticles());
        assertEquals(4, back.numFeatures());
        assertArrayEquals(jets.values(), back.values());
        assertArrayEquals(jets.counts(), back.counts());
        assertArrayEquals(jets.labels(), back.labels());
        assertEquals(jets.featureNames(), back.featureNames());
    }

    @Test
    void writesTheDocumentedLayout(@TempDir Path dir) {
        Path file = dir.resolve("jets.h5");
        JetHdf5.write(file, jets(10, 5, 2L));
        try (HdfFile h = new HdfFile(file)) {
            Dataset particles = h.getDatasetByPath("particles");
            assertArrayEquals(new int[] {10, 5, 4}, particles.getDimensions());
            assertEquals(float.class, particles.getJavaType());
            assertEquals(int.class, h.getDatasetByPath("counts").getJavaType());
            assertEquals(long.class, h.getDatasetByPath("labels").getJavaType());
            assertEquals("pt,eta,phi,e", h.getAttribute("features").getData());
            assertEquals(1, ((Number) h.getAttribute("format_version").getData()).intValue());
            assertEquals(2, particles.getFilters().size()); // shuffle + deflate
        }
    }

    @Test
    void fileWithoutCountsLabelsOrNamesIsReadAsFromH5py(@TempDir Path dir) {
        PaddedParticles jets = jets(20, 6, 3L);
        Path file = dir.resolve("plain.h5");
        float[][][] nested = new float[20][6][4];
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 6; j++) {
                for (int k = 0; k < 4; k++) {
                    nested[i][j][k] = jets.get(i, j, k);
                }
            }
        }
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putDataset("particles", nested);
        }
        try (HdfFile h = new HdfFile(file)) { // so read() takes the getBuffer() path
            assertTrue(h.getDatasetByPath("particles") instanceof ContiguousDataset);
        }
        PaddedParticles back = JetHdf5.read(file);
        assertArrayEquals(jets.values(), back.values());
        assertArrayEquals(jets.counts(), back.counts());
        int[] unknown = new int[20];
        Arrays.fill(unknown, -1);
        assertArrayEquals(unknown, back.labels());
        assertEquals(List.of("f0", "f1", "f2", "f3"), back.featureNames());
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        DataFormatException e =
                assertThrows(DataFormatException.class, () -> JetHdf5.read(dir.resolve("no.h5")));
        assertMessage(e, "no.h5", "does not exist");
    }

    @Test
    void garbageAndTruncatedFilesAreRefused(@TempDir Path dir) throws IOException {
        Path garbage = dir.resolve("garbage.h5");
        byte[] bytes = new byte[4096];
        new Random(5).nextBytes(bytes);
        Files.write(garbage, bytes);
        DataFormatException e =
                assertThrows(DataFormatException.class, () -> JetHdf5.read(garbage));
        assertMessage(e, "garbage.h5", "not a readable HDF5 file");

        Path whole = dir.resolve("whole.h5");
        JetHdf5.write(whole, jets(200, 10, 4L));
        byte[] all = Files.readAllBytes(whole);
        for (int keep : new int[] {all.length / 2, 100}) {
            Path cut = dir.resolve("cut" + keep + ".h5");
            Files.write(cut, Arrays.copyOf(all, keep));
            e = assertThrows(DataFormatException.class, () -> JetHdf5.read(cut));
            assertMessage(e, "cut" + keep + ".h5", "truncated");
        }
    }

    @Test
    void missingParticlesListsTheDatasetsThatExist(@TempDir Path dir) {
        Path file = dir.resolve("other.h5");
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putDataset("jets", new float[3][2][2]);
            out.putDataset("y", new long[3]);
        }
        DataFormatException e = assertThrows(DataFormatException.class, () -> JetHdf5.read(file));
        assertMessage(e, "other.h5", "'particles' is missing", "jets", "y");
    }

    @Test
    void twoDimensionalParticlesAreRefusedWithTheRank(@TempDir Path dir) {
        Path file = dir.resolve("flat.h5");
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putDataset("particles", new float[10][4]);
        }
        DataFormatException e = assertThrows(DataFormatException.class, () -> JetHdf5.read(file));
        assertMessage(e, "flat.h5", "'particles'", "rank 2", "[10, 4]", "[N, P, F]");
    }

    @Test
    void labelsOfAnotherLengthAreRefused(@TempDir Path dir) {
        Path file = dir.resolve("labels.h5");
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putDataset("particles", new float[3][2][2]);
            out.putDataset("labels", new long[2]);
        }
        DataFormatException e = assertThrows(DataFormatException.class, () -> JetHdf5.read(file));
        assertMessage(e, "labels.h5", "'labels'", "[2]", "3 jets");
    }

    @Test
    void newerFormatVersionIsRefusedWithTheVersion(@TempDir Path dir) {
        Path file = dir.resolve("v2.h5");
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putAttribute("format_version", 2);
            out.putDataset("particles", new float[3][2][2]);
        }
        DataFormatException e = assertThrows(DataFormatException.class, () -> JetHdf5.read(file));
        assertMessage(e, "v2.h5", "'format_version' is 2", "versions 1..1");
    }

    static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        }
    }
}
