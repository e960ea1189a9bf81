package org.hepgraph.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.hepgraph.HepgraphException;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.io.DatasetSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Adc2021SourceTest {

    @TempDir Path dir;

    private static int real(float[][] event) {
        int n = 0;
        for (float[] o : event) {
            n += o[3] != 0 ? 1 : 0;
        }
        return n;
    }

    @Test
    void theOfficialLayoutLoadsUnlabelledAsFullyConnectedGraphs() {
        float[][][] x = LayoutFiles.adcEvents(20, 1);
        Path f = LayoutFiles.adc(dir.resolve("background.h5"), x);
        Dataset d = DatasetSources.open("adc2021:" + f, Map.of());
        assertEquals(20, d.size());
        assertNull(d.labels());
        for (int i = 0; i < 20; i++) {
            Graph g = d.graphs().get(i);
            int n = real(x[i]);
            assertEquals(n, g.numNodes());
            assertEquals(n * (n - 1), g.numEdges());
            assertEquals(i, d.rowIds()[i]);
        }
        float[] met = java.util.Arrays.copyOf(d.graphs().get(3).x(), 7);
        assertArrayEquals(new float[] {x[3][0][0], 0f, x[3][0][2], 1, 0, 0, 0}, met);
        assertEquals("adc2021-raw", d.recipe().nodeFeatures());
        assertEquals(Adc2021Graphs.RAW, d.recipe().featureNames());
    }

    @Test
    void knnEdgesGoToTheNearestInDeltaR() {
        float[][][] x = LayoutFiles.adcEvents(10, 2);
        Path f = LayoutFiles.adc(dir.resolve("bg.h5"), x);
        Dataset d = DatasetSources.open("adc2021:" + f + "?k=2&node_features=log_pt", Map.of());
        for (int i = 0; i < 10; i++) {
            int n = real(x[i]);
            assertEquals(n * Math.min(2, n - 1), d.graphs().get(i).numEdges());
        }
        assertEquals((float) Math.log1p(x[0][0][0]), d.graphs().get(0).x()[0], 1e-6);
        assertEquals(2, d.recipe().k());
        // a model trained fully connected refuses these graphs at score time
        Dataset full = DatasetSources.open("adc2021:" + f, Map.of());
        assertThrows(
                InvalidArgumentException.class,
                () -> full.recipe().checkCompatible(d.recipe(), "m.hgmodel"));
    }

    @Test
    void signalFilesAreLabelledOneAndTracedToTheirFileAndRow() {
        Path bg = LayoutFiles.adc(dir.resolve("bg.h5"), LayoutFiles.adcEvents(12, 1));
        Path a = LayoutFiles.adc(dir.resolve("a.h5"), LayoutFiles.adcEvents(5, 2));
        Path b = LayoutFiles.adc(dir.resolve("b.h5"), LayoutFiles.adcEvents(3, 3));
        Dataset d = DatasetSources.open("adc2021:" + bg + "?signal=" + a + "," + b, Map.of());
        assertEquals(20, d.size());
        assertEquals(0, d.labels()[11]);
        assertEquals(1, d.labels()[12]);
        assertEquals(1, d.graphs().get(19).y());
        assertEquals(2, d.idColumns().get("file")[19]);
        assertEquals(2, d.rowIds()[19]);
        assertEquals(0, d.rowIds()[12]);
    }

    @Test
    void chunksHoldTheSameGraphsAsTheWholeSet() {
        Path bg = LayoutFiles.adc(dir.resolve("bg.h5"), LayoutFiles.adcEvents(12, 1));
        Path a = LayoutFiles.adc(dir.resolve("a.h5"), LayoutFiles.adcEvents(5, 2));
        String uri = "adc2021:" + bg + "?signal=" + a;
        Dataset whole = DatasetSources.open(uri, Map.of());
        try (var c = DatasetSources.openChunked(uri, Map.of())) {
            assertEquals(17, c.rowCount());
            int at = 0;
            for (long from = 0; from < 17; from += 5) {
                Dataset chunk = c.read(from, Math.min(17, from + 5));
                for (int i = 0; i < chunk.size(); i++, at++) {
                    assertEquals(whole.graphs().get(at), chunk.graphs().get(i));
                    assertEquals(whole.rowIds()[at], chunk.rowIds()[i]);
                    assertEquals(whole.labels()[at], chunk.labels()[i]);
                    assertEquals(
                            whole.idColumns().get("file")[at], chunk.idColumns().get("file")[i]);
                }
            }
            assertEquals(17, at);
        }
    }

    private String refused(String uri) {
        HepgraphException e =
                assertThrows(HepgraphException.class, () -> DatasetSources.open(uri, Map.of()));
        return e.getMessage();
    }

    @Test
    void badInputsNameTheFileTheDatasetAndTheFix() throws Exception {
        Path missing = dir.resolve("none.h5");
        assertTrue(refused("adc2021:" + missing).contains("does not exist"));
        Path other = dir.resolve("other.h5");
        try (var w = io.jhdf.HdfFile.write(other)) {
            w.putDataset("Other", new float[] {1f});
        }
        String m = refused("adc2021:" + other);
        assertTrue(m.contains(other.toString()) && m.contains("'Particles' is missing"), m);
        assertTrue(m.contains("[Other]") && m.contains("[N, 19, 4]"), m);
        m = refused("adc2021:" + LayoutFiles.adc(dir.resolve("r.h5"), new float[3][76]));
        assertTrue(m.contains("'Particles' has rank 2"), m);
        m = refused("adc2021:" + LayoutFiles.adc(dir.resolve("t.h5"), new int[3][19][4]));
        assertTrue(m.contains("'Particles' holds int values") && m.contains("float32"), m);
        m = refused("adc2021:" + LayoutFiles.adc(dir.resolve("c.h5"), new float[3][19][3]));
        assertTrue(m.contains("3 values per object") && m.contains("class id"), m);
        float[][][] x = LayoutFiles.adcEvents(6, 1);
        x[4][0][2] = Float.NaN;
        m = refused("adc2021:" + LayoutFiles.adc(dir.resolve("nan.h5"), x));
        assertTrue(m.contains("row 4, object 0, column 'Phi' is NaN"), m);
        x = LayoutFiles.adcEvents(6, 1);
        x[2][3][3] = 9f;
        m = refused("adc2021:" + LayoutFiles.adc(dir.resolve("cls.h5"), x));
        assertTrue(m.contains("row 2, object 3 has class id 9.0"), m);
        x = LayoutFiles.adcEvents(6, 1);
        x[5] = new float[19][4];
        m = refused("adc2021:" + LayoutFiles.adc(dir.resolve("empty.h5"), x));
        assertTrue(m.contains("row 5 has no object"), m);
        Path good = LayoutFiles.adc(dir.resolve("good.h5"), LayoutFiles.adcEvents(50, 1));
        m = refused("adc2021:" + LayoutFiles.truncate(good));
        assertTrue(m.contains("truncated"), m);
        Path corrupt = LayoutFiles.corrupt(dir);
        m = refused("adc2021:" + corrupt);
        assertTrue(m.contains(corrupt.toString()) && m.contains("not a readable HDF5"), m);
        m = refused("adc2021:" + good + "?signal=" + missing);
        assertTrue(m.contains(missing.toString()), m);
        m = refused("adc2021:" + good + "?k=-1");
        assertTrue(m.contains("k = -1"), m);
    }
}
