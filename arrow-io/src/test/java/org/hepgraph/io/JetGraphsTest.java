package org.hepgraph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.PaddedParticles;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.transforms.JetNodeFeatures;
import org.junit.jupiter.api.Test;

class JetGraphsTest {

    private static PaddedParticles jets(int n, int p, float[] values, int[] counts) {
        return new PaddedParticles(
                n, p, 4, values, counts, new int[n], PaddedParticles.PT_ETA_PHI_E);
    }

    @Test
    void zeroJetsAreRefused() {
        PaddedParticles none = jets(0, 3, new float[0], new int[0]);
        DataFormatException e =
                assertThrows(
                        DataFormatException.class,
                        () -> JetGraphs.build("h5:x.h5", none, 2, JetNodeFeatures.RELATIVE));
        assertTrue(e.getMessage().contains("h5:x.h5 holds no jets"), e.getMessage());
    }

    @Test
    void zeroParticlesInEveryJetAreRefused() {
        PaddedParticles empty = jets(2, 0, new float[0], new int[2]);
        HepgraphException e =
                assertThrows(
                        HepgraphException.class,
                        () -> JetGraphs.build("h5:x.h5", empty, 2, JetNodeFeatures.RELATIVE));
        assertTrue(e.getMessage().contains("[2, 0, 4]"), e.getMessage());
    }

    @Test
    void kMustBeBelowTheLargestJet() {
        float[] v = new float[2 * 3 * 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1f + i % 4;
        }
        PaddedParticles three = jets(2, 3, v, new int[] {3, 2});
        InvalidArgumentException e =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> JetGraphs.build("toy", three, 3, JetNodeFeatures.RAW));
        assertTrue(
                e.getMessage().contains("--k 3") && e.getMessage().contains("(3)"), e.getMessage());
        assertEquals(2, JetGraphs.build("toy", three, 2, JetNodeFeatures.RAW).size());
    }

    @Test
    void featuresTheGraphsNeedMustBeThereAndPositiveWhereLogsAreTaken() {
        float[] v = new float[2 * 3 * 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1f + i % 4;
        }
        PaddedParticles unnamed =
                new PaddedParticles(
                        2, 3, 4, v, new int[] {3, 2}, new int[2], List.of("f0", "f1", "f2", "f3"));
        DataFormatException missing =
                assertThrows(
                        DataFormatException.class,
                        () -> JetGraphs.build("h5:x.h5", unnamed, 1, JetNodeFeatures.RELATIVE));
        assertTrue(missing.getMessage().contains("'pt' is missing"), missing.getMessage());
        v[(1 * 3 + 1) * 4] = -2f; // jet 1, particle 1, pt
        DataFormatException negative =
                assertThrows(
                        DataFormatException.class,
                        () ->
                                JetGraphs.build(
                                        "h5:x.h5",
                                        jets(2, 3, v, new int[] {3, 2}),
                                        1,
                                        JetNodeFeatures.RELATIVE));
        assertTrue(
                negative.getMessage().contains("jet (row) 1, particle 1 has pt = -2.0"),
                negative.getMessage());
        assertEquals(
                2,
                JetGraphs.build("h5:x.h5", jets(2, 3, v, new int[] {3, 2}), 1, JetNodeFeatures.RAW)
                        .size());
    }

    @Test
    void toyJetsComeWithTheirGivenSplitAndRecipe() {
        Dataset ds = DatasetSources.open("toy:jets=30,seed=4", Map.of("k", "8"));
        assertEquals(90, ds.size());
        assertEquals(Dataset.Protocol.GIVEN, ds.protocol());
        assertEquals(30, ds.given().train().length);
        assertEquals(60, ds.given().test().length);
        assertEquals(8, ds.recipe().k());
        assertEquals("relative", ds.recipe().nodeFeatures());
        assertEquals(7, ds.recipe().width());
        assertEquals(
                ds.graphs(),
                DatasetSources.open("toy", Map.of("jets", "30", "seed", "4", "k", "8")).graphs());
        InvalidArgumentException typo =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> DatasetSources.open("toy:jetz=3", Map.of()));
        assertTrue(typo.getMessage().contains("jetz=3"), typo.getMessage());
    }

    @Test
    void theRegistryListsItsSchemes() {
        // sorted, and holding (at least: other readers register too) the schemes of arrow-io
        List<String> schemes = DatasetSources.all().stream().map(s -> s.scheme()).toList();
        assertEquals(schemes.stream().sorted().toList(), schemes);
        assertTrue(
                schemes.containsAll(List.of("adc2021", "h5", "toptag", "toy", "tu")),
                schemes.toString());
        InvalidArgumentException e =
                assertThrows(InvalidArgumentException.class, () -> DatasetSources.source("root"));
        assertTrue(e.getMessage().contains("'root'") && e.getMessage().contains("h5:FILE"));
    }
}
