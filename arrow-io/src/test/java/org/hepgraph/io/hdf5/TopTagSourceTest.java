package org.hepgraph.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.hepgraph.HepgraphException;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.io.DatasetSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopTagSourceTest {

    @TempDir Path dir;

    @Test
    void thePandasTableLoadsByColumnName() {
        Path f = LayoutFiles.pandas(dir.resolve("train.h5"), 30, 6, null, null);
        Dataset d = DatasetSources.open("toptag:" + f, Map.of("k", "1"));
        assertEquals(30, d.size());
        for (int j = 0; j < 30; j++) {
            assertEquals(2 + j % 5, d.graphs().get(j).numNodes());
            assertEquals(j % 2, d.labels()[j]);
        }
        assertEquals("relative", d.recipe().nodeFeatures());
        Dataset test = DatasetSources.open("toptag:" + f + "?ttv=test&k=1", Map.of());
        assertEquals(10, test.size());
        assertEquals(1, test.rowIds()[0]);
        assertEquals(4, test.rowIds()[1]);
        Dataset part = DatasetSources.open("toptag:" + f + "?ttv=test&rows=5:", Map.of("k", "1"));
        assertEquals(8, part.size());
        assertEquals(7, part.rowIds()[0]);
    }

    @Test
    void theJetNetLayoutLoadsWithItsMaskAndLabels() {
        Path f = LayoutFiles.jetnet(dir.resolve("jetnet.h5"), 12, 5);
        Dataset d = DatasetSources.open("toptag:" + f, Map.of("k", "1"));
        assertEquals(12, d.size());
        assertEquals(2 + 7 % 4, d.graphs().get(7).numNodes());
        assertEquals(1, d.labels()[7]);
        assertEquals("raw", d.recipe().nodeFeatures());
        assertEquals(java.util.List.of("eta", "phi", "pt"), d.recipe().featureNames());
    }

    @Test
    void chunksHoldTheSameGraphsAsTheWholeSet() {
        Path f = LayoutFiles.pandas(dir.resolve("train.h5"), 25, 6, null, null);
        String uri = "toptag:" + f + "?ttv=train";
        Dataset whole = DatasetSources.open(uri, Map.of("k", "1"));
        try (var c = DatasetSources.openChunked(uri, Map.of("k", "1"))) {
            int at = 0;
            for (long from = 0; from < c.rowCount(); from += 4) {
                Dataset chunk = c.read(from, Math.min(c.rowCount(), from + 4));
                for (int i = 0; i < chunk.size(); i++, at++) {
                    H5SourceChunkTest.same(whole.graphs().get(at), chunk.graphs().get(i));
                    assertEquals(whole.rowIds()[at], chunk.rowIds()[i]);
                }
            }
            assertEquals(whole.size(), at);
        }
    }

    private String refused(String uri) {
        return assertThrows(
                        HepgraphException.class, () -> DatasetSources.open(uri, Map.of("k", "1")))
                .getMessage();
    }

    @Test
    void badInputsNameTheFileTheColumnAndTheFix() throws Exception {
        assertTrue(refused("toptag:" + dir.resolve("none.h5")).contains("does not exist"));
        Path other = dir.resolve("other.h5");
        try (var w = io.jhdf.HdfFile.write(other)) {
            w.putDataset("Other", new float[] {1f});
        }
        String m = refused("toptag:" + other);
        assertTrue(m.contains("no top-tagging layout") && m.contains("[Other]"), m);
        m = refused("toptag:" + LayoutFiles.pandas(dir.resolve("d.h5"), 9, 5, "PY_3", null));
        assertTrue(m.contains("no column 'PY_3'") && m.contains("PX_i, PY_i and PZ_i"), m);
        m =
                refused(
                        "toptag:"
                                + LayoutFiles.pandas(
                                        dir.resolve("n.h5"), 9, 5, null, new int[] {4, 7}));
        assertTrue(m.contains("'table/PX_2' (column) is NaN at row 4"), m);
        Path good = LayoutFiles.pandas(dir.resolve("g.h5"), 40, 6, null, null);
        m = refused("toptag:" + LayoutFiles.truncate(good));
        assertTrue(m.contains("truncated"), m);
        m = refused("toptag:" + LayoutFiles.corrupt(dir));
        assertTrue(m.contains("not a readable HDF5"), m);
        m = refused("toptag:" + good + "?ttv=sometimes");
        assertTrue(m.contains("ttv = 'sometimes'"), m);
        Path jn = LayoutFiles.jetnet(dir.resolve("jn.h5"), 6, 4);
        m = refused("toptag:" + jn + "?ttv=test");
        assertTrue(m.contains("JetNet-style") && m.contains("leave ttv out"), m);
        Path rank = dir.resolve("rank.h5");
        try (var w = io.jhdf.HdfFile.write(rank)) {
            w.putDataset("particle_features", new float[4][12]);
        }
        m = refused("toptag:" + rank);
        assertTrue(m.contains("'particle_features' has rank 2"), m);
    }
}
