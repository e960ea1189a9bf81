package org.hepgraph.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.io.DatasetSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The converted top-tagging layout ({@code Pmu} [N, P, 4] = (E, px, py, pz), {@code Nobj}, {@code
 * is_signal}) and JetNet files without feature names, read by {@code toptag:}.
 */
class ConvertedTopTagTest {

    @TempDir Path dir;

    static float[] four(double pt, double eta, double phi) {
        double px = pt * Math.cos(phi);
        double py = pt * Math.sin(phi);
        double pz = pt * Math.sinh(eta);
        return new float[] {
            (float) Math.sqrt(px * px + py * py + pz * pz), (float) px, (float) py, (float) pz
        };
    }

    @Test
    void pmuBecomesPtEtaPhiEWithNobjAndIsSignal() {
        float[][][] pmu = new float[3][4][4];
        pmu[0][0] = four(50, 0.3, 1.0);
        pmu[0][1] = four(20, -0.2, -2.5);
        pmu[1][0] = four(80, 1.1, 3.0);
        pmu[2][0] = four(10, 0.0, 0.1);
        pmu[2][1] = four(9, 0.1, 0.2);
        pmu[2][2] = four(8, 0.2, 0.3);
        Path f = dir.resolve("converted.h5");
        try (WritableHdfFile w = HdfFile.write(f)) {
            w.putDataset("Pmu", pmu);
            w.putDataset("Nobj", new long[] {2, 1, 3});
            w.putDataset("is_signal", new long[] {1, 0, 1});
        }
        Dataset d = DatasetSources.open("toptag:" + f, Map.of("k", "1", "node_features", "raw"));
        assertEquals(List.of("pt", "eta", "phi", "e"), d.recipe().featureNames());
        assertEquals(1, d.labels()[0]);
        assertEquals(0, d.labels()[1]);
        Graph g = d.graphs().get(0);
        assertEquals(2, g.numNodes());
        float[] x = g.x();
        assertEquals(50, x[0], 1e-3);
        assertEquals(0.3, x[1], 1e-5);
        assertEquals(1.0, x[2], 1e-5);
        assertEquals(pmu[0][0][0], x[3], 1e-4);
        assertEquals(-2.5, x[6], 1e-5);
        assertEquals(3, d.graphs().get(2).numNodes());
        InvalidArgumentException e =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> DatasetSources.open("toptag:" + f + "?ttv=test", Map.of()));
        assertTrue(e.getMessage().contains("Pmu"), e.getMessage());
    }

    @Test
    void jetNetWithoutNamesIsEtarelPhirelPtrelMask() {
        float[][][] x = new float[2][3][4];
        x[0][0] = new float[] {0.1f, 0.2f, 0.6f, 1f};
        x[0][1] = new float[] {-0.1f, 0.0f, 0.4f, 1f};
        x[1][0] = new float[] {0.0f, 0.1f, 1.0f, 1f};
        Path f = dir.resolve("g.hdf5");
        try (WritableHdfFile w = HdfFile.write(f)) {
            w.putDataset("particle_features", x);
            w.putDataset("jet_features", new float[][] {{0, 1000, 0.1f, 90}, {0, 990, 0, 80}});
        }
        Dataset d = DatasetSources.open("toptag:" + f, Map.of("k", "1"));
        assertEquals(List.of("eta", "phi", "pt"), d.recipe().featureNames());
        assertEquals(2, d.graphs().get(0).numNodes());
        assertEquals(1, d.graphs().get(1).numNodes());
    }
}
