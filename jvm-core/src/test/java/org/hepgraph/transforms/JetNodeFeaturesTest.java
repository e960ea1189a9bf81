package org.hepgraph.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.data.PaddedParticles;
import org.junit.jupiter.api.Test;

class JetNodeFeaturesTest {

    private static final int[] COUNTS = {1, 3, 10, 30};

    private static float[] relative(NDManager m, PaddedParticles jets) {
        GraphBatch batch =
                FullyConnected.create().optNodeFeatures(JetNodeFeatures.RELATIVE).build(m, jets);
        assertEquals(7, batch.numFeatures());
        return batch.x().toFloatArray();
    }

    @Test
    void rawKeepsTheInputFeatures() {
        PaddedParticles jets = Jets.random(31, 30, COUNTS);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = KnnGraph.deltaR(3).build(m, jets).x().toFloatArray();
            int row = 0;
            for (int j = 0; j < COUNTS.length; j++) {
                for (int p = 0; p < COUNTS[j]; p++, row++) {
                    for (int f = 0; f < 4; f++) {
                        assertEquals(jets.get(j, p, f), x[row * 4 + f]);
                    }
                }
            }
        }
    }

    @Test
    void matchesADoublePrecisionReference() {
        PaddedParticles jets = Jets.random(32, 30, COUNTS);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = relative(m, jets);
            int row = 0;
            for (int j = 0; j < COUNTS.length; j++) {
                double px = 0, py = 0, pz = 0, e = 0;
                for (int p = 0; p < COUNTS[j]; p++) {
                    double pt = jets.get(j, p, 0);
                    px += pt * Math.cos(jets.get(j, p, 2));
                    py += pt * Math.sin(jets.get(j, p, 2));
                    pz += pt * Math.sinh(jets.get(j, p, 1));
                    e += jets.get(j, p, 3);
                }
                double jetPt = Math.hypot(px, py);
                double jetEta = Math.log(pz / jetPt + Math.sqrt(pz * pz / (jetPt * jetPt) + 1));
                double jetPhi = Math.atan2(py, px);
                for (int p = 0; p < COUNTS[j]; p++, row++) {
                    double deta = jets.get(j, p, 1) - jetEta;
                    double dphi = Math.IEEEremainder(jets.get(j, p, 2) - jetPhi, 2 * Math.PI);
                    double pt = jets.get(j, p, 0);
                    double en = jets.get(j, p, 3);
                    double[] want = {
                        deta,
                        dphi,
                        Math.log(pt),
                        Math.log(en),
                        Math.log(pt / jetPt),
                        Math.log(en / e),
                        Math.hypot(deta, dphi)
                    };
                    for (int f = 0; f < 7; f++) {
                        assertEquals(want[f], x[row * 7 + f], 2e-3, "jet " + j + " feature " + f);
                    }
                }
            }
        }
    }

    @Test
    void symmetricJetIsCentredAcrossThePhiBoundary() {
        float d = 0.1f;
        float phi0 = 3.1f;
        float wrapped = (float) (phi0 + d - 2 * Math.PI);
        float[][] jet = {
            {10, d, phi0, (float) (10 * Math.cosh(d))},
            {10, -d, phi0, (float) (10 * Math.cosh(d))},
            {10, 0, phi0 - d, 10},
            {10, 0, wrapped, 10},
        };
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = relative(m, Jets.of(jet));
            double sumDeta = 0;
            double sumDphi = 0;
            for (int p = 0; p < 4; p++) {
                sumDeta += 10 * x[p * 7];
                sumDphi += 10 * x[p * 7 + 1];
                assertTrue(Math.abs(x[p * 7 + 1]) < 0.2, "Δφ folded: " + x[p * 7 + 1]);
                assertTrue(x[p * 7 + 6] >= 0, "ΔR ≥ 0");
                assertTrue(x[p * 7 + 4] <= 1e-3, "log(pT/pT_jet) ≤ 0");
                assertEquals(Math.log(0.25), x[p * 7 + 4], 1e-2);
            }
            assertEquals(0, sumDeta, 1e-3);
            assertEquals(0, sumDphi, 1e-3);
        }
    }

    @Test
    void invariantsHoldOnRandomJets() {
        PaddedParticles jets = Jets.random(33, 30, COUNTS);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = relative(m, jets);
            for (int row = 0; row < x.length / 7; row++) {
                assertTrue(x[row * 7 + 6] >= 0);
                assertTrue(Math.abs(x[row * 7 + 1]) <= Math.PI + 1e-5);
            }
        }
    }

    @Test
    void missingFeatureNameIsNamed() {
        PaddedParticles jets = Jets.random(34, 5, 3);
        PaddedParticles noEnergy =
                new PaddedParticles(
                        1,
                        5,
                        4,
                        jets.values(),
                        jets.counts(),
                        jets.labels(),
                        List.of("pt", "eta", "phi", "mass"));
        try (NDManager m = NDManager.newBaseManager()) {
            InvalidGraphException ex =
                    assertThrows(InvalidGraphException.class, () -> relative(m, noEnergy));
            assertTrue(ex.getMessage().startsWith("JetNodeFeatures.RELATIVE:"), ex.getMessage());
            assertTrue(ex.getMessage().contains("no 'e'"), ex.getMessage());
        }
    }

    @Test
    void outputNames() {
        assertEquals(7, JetNodeFeatures.RELATIVE.outputNames(PaddedParticles.PT_ETA_PHI_E).size());
        assertArrayEquals(
                PaddedParticles.PT_ETA_PHI_E.toArray(),
                JetNodeFeatures.RAW.outputNames(PaddedParticles.PT_ETA_PHI_E).toArray());
    }
}
