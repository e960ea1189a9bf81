package org.hepgraph.io.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException;
import org.hepgraph.data.PaddedParticles;
import org.hepgraph.data.ToyJets;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.io.DatasetSources;
import org.hepgraph.io.hdf5.JetHdf5;
import org.hepgraph.transforms.JetImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JetImagesSourceTest {

    @TempDir Path dir;

    @Test
    void imagesComeFromTheVeryRowsOfTheGraphView() {
        Map<String, String> options = Map.of("seed", "4");
        Dataset graphs = DatasetSources.open("toy:jets=30", options);
        Dataset images = DatasetSources.open("jetimages:toy:jets=30", options);
        assertEquals(graphs.size(), images.size());
        assertArrayEquals(graphs.rowIds(), images.rowIds());
        assertArrayEquals(graphs.labels(), images.labels());
        assertEquals(graphs.protocol(), images.protocol());
        assertArrayEquals(graphs.given().train(), images.given().train());
        assertArrayEquals(graphs.given().test(), images.given().test());
        assertEquals(1600, images.numFeatures());
        assertEquals("image:40x40x1", images.recipe().nodeFeatures());
        // row 30 + 5 of toy: is the 6th jet of the fresh test background (seed + 1)
        PaddedParticles testBackground = ToyJets.builder().optSeed(5).build().background(30);
        float[] expected;
        try (NDManager m = NDManager.newBaseManager()) {
            expected = JetImages.create().toArray(m, testBackground.slice(5, 6));
        }
        assertArrayEquals(expected, images.graphs().get(35).x(), 1e-7f);
        for (int i = 0; i < images.size(); i++) {
            assertEquals(graphs.graphs().get(i).y(), images.graphs().get(i).y());
            assertEquals(1, images.graphs().get(i).numNodes());
        }
    }

    @Test
    void wrapsAnH5FileWithIdColumnsAndOptions() {
        PaddedParticles jets = ToyJets.builder().optSeed(2).build().signal(12);
        Path f = dir.resolve("jets.h5");
        JetHdf5.write(f, jets);
        Dataset graphs = DatasetSources.open("h5:" + f, Map.of());
        Dataset images =
                DatasetSources.open("jetimages:h5:" + f + "?pixels=20,radius=1.2", Map.of());
        assertArrayEquals(graphs.rowIds(), images.rowIds());
        assertArrayEquals(graphs.labels(), images.labels());
        assertEquals(400, images.numFeatures());
        float[] expected;
        try (NDManager m = NDManager.newBaseManager()) {
            expected = JetImages.create().optPixels(20).optRadius(1.2).toArray(m, jets);
        }
        for (int i = 0; i < 12; i++) {
            assertArrayEquals(
                    Arrays.copyOfRange(expected, i * 400, (i + 1) * 400),
                    images.graphs().get(i).x(),
                    1e-7f,
                    "row " + i);
        }
    }

    @Test
    void idColumnsRideAlong() {
        Path f = dir.resolve("ids.h5");
        float[][][] particles = new float[3][2][4];
        for (int i = 0; i < 3; i++) {
            particles[i][0] = new float[] {10, 0.1f * i, 0.2f, 11};
            particles[i][1] = new float[] {5, -0.1f, 0.1f * i, 6};
        }
        try (WritableHdfFile out = HdfFile.write(f)) {
            out.putAttribute("features", "pt,eta,phi,e");
            out.putDataset("particles", particles);
            out.putDataset("event_id", new long[] {7, 8, 9});
        }
        Dataset images = DatasetSources.open("jetimages:h5:" + f, Map.of());
        assertArrayEquals(new long[] {7, 8, 9}, images.idColumns().get("event_id"));
        assertEquals(null, images.labels());
    }

    @Test
    void badWrappingsAreRefusedWithTheFix() {
        var e =
                assertThrows(
                        HepgraphException.class, () -> DatasetSources.open("jetimages:", Map.of()));
        assertTrue(e.getMessage().contains("wraps no jet source"), e.getMessage());
        var missing =
                assertThrows(
                        HepgraphException.class,
                        () ->
                                DatasetSources.open(
                                        "jetimages:h5:" + dir.resolve("no.h5"), Map.of()));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        var pixels =
                assertThrows(
                        HepgraphException.class,
                        () -> DatasetSources.open("jetimages:toy:jets=5?pixels=0", Map.of()));
        assertTrue(pixels.getMessage().contains("pixels = 0"), pixels.getMessage());
        var radius =
                assertThrows(
                        HepgraphException.class,
                        () -> DatasetSources.open("jetimages:toy:jets=5?radius=wide", Map.of()));
        assertTrue(radius.getMessage().contains("radius = 'wide'"), radius.getMessage());
        Path unnamed = dir.resolve("unnamed.h5");
        try (WritableHdfFile out = HdfFile.write(unnamed)) {
            out.putDataset("particles", new float[][][] {{{1, 0, 0, 1}, {1, 0.1f, 0, 1}}});
        }
        var names =
                assertThrows(
                        HepgraphException.class,
                        () -> DatasetSources.open("jetimages:h5:" + unnamed, Map.of()));
        assertTrue(names.getMessage().contains("eta"), names.getMessage());
        assertTrue(
                List.of(DatasetSources.all().stream().map(s -> s.scheme()).toArray())
                        .containsAll(List.of("images", "jetimages")));
    }
}
