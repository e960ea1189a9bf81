package org.hepgraph.io.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.hepgraph.HepgraphException;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.datasets.ImageLayout;
import org.hepgraph.io.DatasetSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesSourceTest {

    @TempDir Path dir;

    /** {@code n} images of 4 × 3 pixels × 2 channels, value = row·100 + pixel index. */
    private static float[][][][] calo(int n) {
        float[][][][] x = new float[n][4][3][2];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 3; c++) {
                    for (int ch = 0; ch < 2; ch++) {
                        x[i][r][c][ch] = i * 100 + (r * 3 + c) * 2 + ch;
                    }
                }
            }
        }
        return x;
    }

    private Path write(String name, Map<String, Object> datasets) {
        Path f = dir.resolve(name);
        try (WritableHdfFile out = HdfFile.write(f)) {
            datasets.forEach(out::putDataset);
        }
        return f;
    }

    @Test
    void readsTheMl4sciLayoutInChunksWithRowIdsAndLabels() {
        float[] y = {0, 1, 1, 0, 1};
        Path f = write("calo.h5", Map.of("X", calo(5), "y", y));
        Dataset d = DatasetSources.open("images:" + f + "?chunk=2", Map.of());
        assertEquals(5, d.size());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, d.rowIds());
        assertArrayEquals(new int[] {0, 1, 1, 0, 1}, d.labels());
        assertEquals(24, d.numFeatures());
        assertEquals("image:4x3x2", d.recipe().nodeFeatures());
        assertEquals(new ImageLayout(4, 3, 2), ImageLayout.of(d.recipe()));
        assertEquals("px_3_2_1", d.recipe().featureNames().get(23));
        for (int i = 0; i < 5; i++) {
            Graph g = d.graphs().get(i);
            assertEquals(1, g.numNodes());
            assertEquals(0, g.numEdges());
            assertEquals((int) y[i], g.y());
            float[] x = g.x();
            for (int k = 0; k < 24; k++) {
                assertEquals(i * 100 + k, x[k], "image " + i + " value " + k);
            }
        }
    }

    @Test
    void jetImagesWithoutChannelsChunkedAndCompressedAndOtherNames() {
        float[][][] x = new float[3][5][5];
        x[1][2][3] = 1f;
        x[2][4][4] = 0.5f;
        Path f = dir.resolve("jets.h5");
        try (WritableHdfFile out = HdfFile.write(f)) {
            out.putDataset(
                    "jet_images",
                    x,
                    DatasetCreationOptions.builder().chunkDimensions(2, 5, 5).deflate(4).build());
            out.putDataset("truth", new long[] {1, 0, 1});
        }
        Dataset d =
                DatasetSources.open(
                        "images:" + f, Map.of("x", "jet_images", "y", "truth", "chunk", "1"));
        assertEquals(3, d.size());
        assertEquals("image:5x5x1", d.recipe().nodeFeatures());
        assertArrayEquals(new int[] {1, 0, 1}, d.labels());
        assertEquals(1f, d.graphs().get(1).x()[2 * 5 + 3]);
        assertEquals(0.5f, d.graphs().get(2).x()[24]);
        // unlabelled: no y dataset, not named
        Dataset u = DatasetSources.open("images:" + f + "?x=jet_images", Map.of());
        assertNull(u.labels());
        assertFalse(u.labelled());
    }

    private HepgraphException refused(String uri) {
        return assertThrows(HepgraphException.class, () -> DatasetSources.open(uri, Map.of()));
    }

    private static void says(HepgraphException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        }
    }

    @Test
    void missingFileDirectoryAndDatasetNameTheFileAndTheFix() {
        var e = refused("images:" + dir.resolve("nope.h5"));
        assertTrue(e instanceof DataFormatException);
        says(e, "nope.h5", "does not exist");
        says(refused("images:" + dir), "is a directory");
        Path f = write("other.h5", Map.of("images", calo(2)));
        says(refused("images:" + f), "other.h5", "'X' is missing", "[images]", "x=NAME");
        says(refused("images:" + f + "?x=images,y=labels"), "'labels' is missing");
        says(refused("images:"), "names no file");
        var bad = refused("images:" + f + "?colour=red");
        assertTrue(bad instanceof InvalidArgumentException);
        says(bad, "colour=red", "not a known option");
    }

    @Test
    void wrongRankDtypeAndLabelsAreRefused() {
        Path rank2 = write("rank2.h5", Map.of("X", new float[][] {{1, 2}, {3, 4}}));
        says(refused("images:" + rank2), "rank2.h5", "'X' has rank 2", "[N, H, W, C]");
        Path ints = write("ints.h5", Map.of("X", new int[][][] {{{1}}, {{2}}}));
        says(refused("images:" + ints), "'X' holds int values", "float32");
        Path shortY = write("shorty.h5", Map.of("X", calo(3), "y", new int[] {0, 1}));
        says(refused("images:" + shortY), "'y' has shape [2] but X has 3");
        Path halfY = write("halfy.h5", Map.of("X", calo(2), "y", new double[] {0, 0.5}));
        says(refused("images:" + halfY), "'y' holds 0.5 at row 1", "whole numbers");
    }

    @Test
    void nanAndInfinityNameTheRow() {
        float[][][][] x = calo(4);
        x[2][1][1][0] = Float.NaN;
        Path f = write("nan.h5", Map.of("X", x));
        says(refused("images:" + f + "?chunk=3"), "nan.h5", "'X' holds NaN at row 2", "value 8");
        x[2][1][1][0] = 0;
        x[3][0][0][1] = Float.POSITIVE_INFINITY;
        Path g = write("inf.h5", Map.of("X", x));
        says(refused("images:" + g), "holds Infinity at row 3");
    }

    @Test
    void truncatedAndCorruptFilesAreRefused() throws IOException {
        Path f = write("good.h5", Map.of("X", calo(50)));
        byte[] all = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.h5");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        var e = refused("images:" + cut);
        assertTrue(e instanceof DataFormatException, e.toString());
        says(e, "cut.h5");
        Path junk = dir.resolve("junk.h5");
        Files.writeString(junk, "not an hdf5 file at all");
        says(refused("images:" + junk), "junk.h5", "not a readable HDF5 file");
    }
}
