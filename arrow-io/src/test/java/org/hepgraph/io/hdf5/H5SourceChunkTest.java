package org.hepgraph.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Path;
import java.util.Map;
import org.hepgraph.HepgraphException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.PaddedParticles;
import org.hepgraph.data.ToyJets;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.io.DatasetSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code h5:} read in chunks and by named datasets gives what the whole-file reader gives. */
class H5SourceChunkTest {

    @TempDir Path dir;

    @Test
    void chunksOfAJetFileEqualTheWholeFile() {
        PaddedParticles jets = ToyJets.builder().optSeed(4).build().generate(23);
        Path f = dir.resolve("jets.h5");
        JetHdf5.write(f, jets);
        Dataset whole = DatasetSources.open("h5:" + f, Map.of("k", "4"));
        try (var c = DatasetSources.openChunked("h5:" + f, Map.of("k", "4"))) {
            assertEquals(23, c.rowCount());
            assertEquals(whole.recipe(), c.recipe());
            int at = 0;
            for (long from = 0; from < 23; from += 6) {
                Dataset chunk = c.read(from, Math.min(23, from + 6));
                for (int i = 0; i < chunk.size(); i++, at++) {
                    same(whole.graphs().get(at), chunk.graphs().get(i));
                    assertEquals(whole.labels()[at], chunk.labels()[i]);
                }
            }
            assertEquals(23, at);
        }
    }

    /** Equal up to float rounding: relative features are computed per batch of jets. */
    static void same(Graph a, Graph b) {
        assertArrayEquals(a.edgeIndex(), b.edgeIndex());
        assertArrayEquals(a.x(), b.x(), 1e-5f);
        assertEquals(a.y(), b.y());
    }

    @Test
    void anyFileReadsByNamingItsDatasets() {
        PaddedParticles jets = ToyJets.builder().optSeed(4).build().generate(10);
        float[][][] x = new float[10][jets.maxParticles()][4];
        long[] y = new long[10];
        for (int i = 0; i < 10; i++) {
            for (int p = 0; p < jets.counts()[i]; p++) {
                for (int c = 0; c < 4; c++) {
                    x[i][p][c] = jets.get(i, p, c);
                }
            }
            y[i] = jets.labels()[i];
        }
        Path f = dir.resolve("mine.h5");
        try (WritableHdfFile w = HdfFile.write(f)) {
            w.putGroup("jets").putDataset("constituents", x);
            w.putDataset("truth", y);
        }
        String uri = "h5:" + f + "?particles=jets/constituents&features=pt,eta,phi,e&labels=truth";
        Dataset d = DatasetSources.open(uri, Map.of("k", "4"));
        Path ref = dir.resolve("ref.h5");
        JetHdf5.write(ref, jets);
        Dataset r = DatasetSources.open("h5:" + ref, Map.of("k", "4"));
        assertEquals(r.graphs(), d.graphs());
        assertEquals(java.util.Arrays.toString(r.labels()), java.util.Arrays.toString(d.labels()));
        String m =
                assertThrows(
                                HepgraphException.class,
                                () ->
                                        DatasetSources.open(
                                                "h5:" + f + "?particles=jets/constituents&labels=y",
                                                Map.of()))
                        .getMessage();
        assertTrue(m.contains("'y' is missing") && m.contains("jets/constituents"), m);
        assertTrue(m.contains("truth") && m.contains("labels=NAME"), m);
        m =
                assertThrows(
                                HepgraphException.class,
                                () -> DatasetSources.open("h5:" + f + "?particles=truth", Map.of()))
                        .getMessage();
        assertTrue(m.contains("'truth' has rank 1"), m);
    }
}
