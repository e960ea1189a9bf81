package org.hepgraph.io.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.io.DatasetSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headers of the record-545 CSVs that are not in the shared data (docs/data.md, "Variants
 * checked"): the W files (one lepton and MET), dielectron.csv, and the dimuon files whose type
 * column is spelled {@code type1} or {@code Type1}.
 */
class CmsLayoutVariantsTest {

    @TempDir Path dir;

    Dataset open(String name, String text, String layout) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return DatasetSources.open("csv:" + f + "?layout=" + layout, Map.of());
    }

    static float[] attrs(Dataset d) {
        java.nio.FloatBuffer b = d.graphs().graphAttrView();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    @Test
    void headersMatchIgnoringCaseAndTheCanonicalNamesAreUsed() {
        List<String> h = LeptonMapping.layout("dimuon_masses").header();
        List<String> lower = h.stream().map(s -> s.replace("Type", "type")).toList();
        assertEquals("dimuon_masses", LeptonMapping.matchingLayout(lower));
        assertEquals(h, LeptonMapping.canonical(h, lower));
        assertNull(LeptonMapping.matchingLayout(List.of("Run", "Event", "x")));
    }

    @Test
    void wmunuIsOneMuonNodeWithMetAsGraphFeatures() throws IOException {
        Dataset d =
                open(
                        "Wmunu.csv",
                        "Run,Event,pt,eta,phi,Q,chiSq,dxy,iso,MET,phiMET\n"
                                + "173389,489963747,29.3153,-0.1393,1.3561,1,0.8456,-0.06,0,30.667,"
                                + "-2.1308\n",
                        "wmunu");
        assertEquals(1, d.graphs().numGraphs());
        assertEquals(1, d.graphs().numNodes(0));
        assertEquals(0, d.graphs().numEdges(0));
        assertArrayEquals(new float[] {30.667f, -2.1308f}, attrs(d), 0f);
    }

    @Test
    void wenuHeaderIsNamedWhenAnotherLayoutIsAsked() throws IOException {
        String text =
                "Run,Event,pt,eta,phi,Q,type,delEta,delPhi,sigmaEtaEta,HoverE,isoTrack,isoEcal,"
                        + "isoHcal,MET,phiMET\n1,2,35,0.5,-1,-1,EB,0,0,0.01,0,0,0,0,28,2\n";
        assertEquals(1, open("Wenu.csv", text, "wenu").graphs().numGraphs());
        DataFormatException e =
                assertThrows(DataFormatException.class, () -> open("Wenu2.csv", text, "wmunu"));
        assertTrue(e.getMessage().contains("layout=wenu"), e.getMessage());
    }

    @Test
    void dielectronMassesReadsTheFourVectors() throws IOException {
        Dataset d =
                open(
                        "dielectron.csv",
                        "Run,Event,E1,px1,py1,pz1,pt1,eta1,phi1,Q1,E2,px2,py2,pz2,pt2,eta2,phi2,"
                                + "Q2,M\n147115,366639895,58.7141,-7.31132,10.531,-57.2974,"
                                + "12.8202,-2.20267,2.17766,1,11.2836,-1.03234,-1.88066,-11.0778,"
                                + "2.14537,-2.34403,-2.07281,-1,8.94841\n",
                        "dielectron_masses");
        assertEquals(2, d.graphs().numNodes(0));
        assertEquals(8.94841f, attrs(d)[0], 0f);
    }
}
