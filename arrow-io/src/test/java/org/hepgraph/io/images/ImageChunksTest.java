package org.hepgraph.io.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.dataset.ContiguousDataset;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.hepgraph.data.PaddedParticles;
import org.hepgraph.data.ToyJets;
import org.hepgraph.datasets.ChunkedDataset;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.io.ChunksMatchWhole;
import org.hepgraph.io.DatasetSources;
import org.hepgraph.io.hdf5.JetHdf5;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code images:} and {@code jetimages:} read in chunks give what the whole-set read gives. */
class ImageChunksTest {

    @TempDir Path dir;

    private static final int[] SIZES = {1, 4, 7, 23, 73};

    private static void matches(String uri, Map<String, String> options) {
        Dataset whole = DatasetSources.open(uri, options);
        for (int rows : SIZES) {
            try (ChunkedDataset c = DatasetSources.openChunked(uri, options)) {
                ChunksMatchWhole.check(whole, c, rows);
            }
        }
    }

    @Test
    void anImageFileInChunksEqualsTheWholeFile() {
        float[][][][] x = new float[23][5][4][2];
        float[] y = new float[23];
        for (int i = 0; i < 23; i++) {
            y[i] = i % 3 == 0 ? 1 : 0;
            for (int r = 0; r < 5; r++) {
                for (int c = 0; c < 4; c++) {
                    x[i][r][c][0] = i + 0.01f * (r * 4 + c);
                    x[i][r][c][1] = -i;
                }
            }
        }
        Path f = dir.resolve("calo.h5");
        try (WritableHdfFile out = HdfFile.write(f)) {
            out.putDataset("X", x);
            out.putDataset("y", y);
        }
        matches("images:" + f, Map.of());
        matches("images:" + f + "?chunk=3", Map.of());
        try (ChunkedDataset c = DatasetSources.openChunked("images:" + f, Map.of())) {
            assertInstanceOf(ImageChunks.class, c);
            assertEquals(23, c.rowCount());
            Dataset d = c.read(21, 23);
            assertArrayEquals(new long[] {21, 22}, d.rowIds());
            assertArrayEquals(new int[] {1, 0}, d.labels());
            assertEquals(21f, d.graphs().get(0).x()[0]);
            assertEquals(-22f, d.graphs().get(1).x()[1]);
        }
    }

    @Test
    void aContiguousDatasetTooLargeToMapIsReadBySlicesWithTheSameValues() {
        float[][][] x = new float[12][3][5];
        for (int i = 0; i < 12; i++) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 5; c++) {
                    x[i][r][c] = i * 1000 + r * 10 + c + 0.5f;
                }
            }
        }
        Path f = dir.resolve("contiguous.h5");
        try (WritableHdfFile out = HdfFile.write(f)) {
            out.putDataset("X", x);
        }
        try (ImageFile mapped = ImageFile.open(f, "X");
                ImageFile sliced = ImageFile.open(f, "X");
                HdfFile h = new HdfFile(f)) {
            assertInstanceOf(ContiguousDataset.class, h.getDatasetByPath("X"));
            sliced.mapLimit = 0; // as for a dataset over 2 GiB
            FloatBuffer a = FloatBuffer.allocate(6 * 15);
            FloatBuffer b = FloatBuffer.allocate(6 * 15);
            mapped.read(3, 9, a);
            sliced.read(3, 9, b);
            assertArrayEquals(a.array(), b.array());
            assertEquals(3020.5f, b.get(10)); // row 3, pixel (2, 0)
        }
    }

    @Test
    void jetImagesOfAStreamingJetFileInChunksEqualTheWholeSet() {
        PaddedParticles jets = ToyJets.builder().optSeed(3).build().generate(23);
        Path f = dir.resolve("jets.h5");
        JetHdf5.write(f, jets);
        matches("jetimages:h5:" + f + "?pixels=16", Map.of());
        try (ChunkedDataset c =
                DatasetSources.openChunked("jetimages:h5:" + f + "?pixels=16", Map.of())) {
            assertEquals(23, c.rowCount());
            assertEquals(256, c.read(0, 2).numFeatures());
        }
    }

    @Test
    void jetImagesOfASourceThatDoesNotStreamAreOpenedWhole() {
        // toy: has its own train/test split, which only the whole set keeps
        assertNull(DatasetSources.openChunked("jetimages:toy:jets=10", Map.of()));
    }
}
