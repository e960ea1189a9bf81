package org.hepgraph.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.metrics.RocCurve;
import org.junit.jupiter.api.Test;

class ToyJetsTest {

    private static PaddedParticles sample(long seed, int n) {
        return ToyJets.builder().optSeed(seed).build().generate(n);
    }

    /** The invariant mass of the summed constituent four-vectors of jet {@code j}. */
    static double jetMass(PaddedParticles p, int j) {
        double px = 0, py = 0, pz = 0, e = 0;
        for (int i = 0; i < p.counts()[j]; i++) {
            double pt = p.get(j, i, 0);
            px += pt * Math.cos(p.get(j, i, 2));
            py += pt * Math.sin(p.get(j, i, 2));
            pz += pt * Math.sinh(p.get(j, i, 1));
            e += p.get(j, i, 3);
        }
        return Math.sqrt(Math.max(0, e * e - px * px - py * py - pz * pz));
    }

    private static double median(double[] a) {
        double[] b = a.clone();
        Arrays.sort(b);
        return b[b.length / 2];
    }

    @Test
    void shapeLabelsAndFeatureNames() {
        PaddedParticles p =
                ToyJets.builder().optSeed(3).optSignalFraction(0.25).build().generate(40);
        assertEquals(40, p.numJets());
        assertEquals(64, p.maxParticles());
        assertEquals(4, p.numFeatures());
        assertEquals(PaddedParticles.PT_ETA_PHI_E, p.featureNames());
        assertEquals(10, Arrays.stream(p.labels()).sum());
        ToyJets toy = ToyJets.builder().build();
        assertTrue(Arrays.stream(toy.background(5).labels()).allMatch(l -> l == 0));
        assertTrue(Arrays.stream(toy.signal(5).labels()).allMatch(l -> l == 1));
        assertEquals(0, toy.generate(0).numJets());
    }

    @Test
    void sameSeedSameJetsDifferentSeedOrCallDifferentJets() {
        PaddedParticles a = sample(5, 30);
        PaddedParticles b = sample(5, 30);
        assertArrayEquals(a.values(), b.values());
        assertArrayEquals(a.counts(), b.counts());
        assertArrayEquals(a.labels(), b.labels());
        assertFalse(Arrays.equals(a.values(), sample(6, 30).values()));
        ToyJets toy = ToyJets.builder().optSeed(5).build();
        toy.generate(30);
        assertFalse(Arrays.equals(a.values(), toy.generate(30).values()), "the stream moves on");
    }

    @Test
    void constituentsArePhysicalSortedAndZeroPadded() {
        PaddedParticles p = sample(11, 300);
        for (int j = 0; j < p.numJets(); j++) {
            int n = p.counts()[j];
            assertTrue(n >= ToyJets.MIN_PARTICLES && n <= 64, "count " + n);
            double sumPt = 0;
            for (int i = 0; i < p.maxParticles(); i++) {
                float pt = p.get(j, i, 0), eta = p.get(j, i, 1), phi = p.get(j, i, 2);
                float e = p.get(j, i, 3);
                if (i >= n) {
                    assertTrue(pt == 0 && eta == 0 && phi == 0 && e == 0, "padding row " + i);
                    continue;
                }
                assertTrue(Float.isFinite(pt) && Float.isFinite(eta) && Float.isFinite(e));
                assertTrue(pt > 0, "pt " + pt);
                assertTrue(e >= pt, "E " + e + " < pT " + pt);
                assertTrue(phi > -Math.PI && phi <= Math.PI, "phi " + phi);
                assertTrue(Math.abs(eta) < 2 + ToyJets.RADIUS + 1e-5, "eta " + eta);
                assertTrue(i == 0 || pt <= p.get(j, i - 1, 0), "sorted by decreasing pT");
                sumPt += pt;
            }
            // The soft tail beyond 64 constituents is dropped; it carries little pT.
            assertTrue(sumPt > 0.95 * 550 && sumPt < 650 * 1.0001, "sum pT " + sumPt);
        }
    }

    @Test
    void truncationKeepsTheHardestConstituents() {
        PaddedParticles full = sample(8, 20);
        PaddedParticles small =
                ToyJets.builder().optSeed(8).optMaxParticles(8).build().generate(20);
        for (int j = 0; j < 20; j++) {
            assertEquals(Math.min(8, full.counts()[j]), small.counts()[j]);
            for (int i = 0; i < small.counts()[j]; i++) {
                for (int f = 0; f < 4; f++) {
                    assertEquals(full.get(j, i, f), small.get(j, i, f));
                }
            }
        }
    }

    @Test
    void signalIsHeavierButNotTriviallySeparable() {
        PaddedParticles p = sample(2024, 2000);
        int n = p.numJets();
        double[] mass = new double[n];
        double[] count = new double[n];
        int numSignal = Arrays.stream(p.labels()).sum();
        double[] sig = new double[numSignal];
        double[] bkg = new double[n - numSignal];
        for (int j = 0, s = 0, b = 0; j < n; j++) {
            mass[j] = jetMass(p, j);
            count[j] = p.counts()[j];
            if (p.labels()[j] == 1) {
                sig[s++] = mass[j];
            } else {
                bkg[b++] = mass[j];
            }
        }
        double sigMedian = median(sig);
        double bkgMedian = median(bkg);
        assertTrue(sigMedian > 140 && sigMedian < 210, "signal median mass " + sigMedian);
        assertTrue(bkgMedian > 20 && bkgMedian < 100, "background median mass " + bkgMedian);
        double massAuc = RocCurve.of(mass, p.labels()).auc();
        assertTrue(massAuc > 0.75 && massAuc < 0.98, "jet-mass AUC " + massAuc);
        double countAuc = RocCurve.of(count, p.labels()).auc();
        assertTrue(countAuc > 0.55 && countAuc < 0.85, "multiplicity AUC " + countAuc);
    }

    @Test
    void builderRejectsBadOptions() {
        String m =
                assertThrows(
                                InvalidArgumentException.class,
                                () -> ToyJets.builder().optMaxParticles(2))
                        .getMessage();
        assertTrue(m.contains("maxParticles is 2") && m.contains("at least 4"), m);
        assertThrows(
                InvalidArgumentException.class, () -> ToyJets.builder().optSignalFraction(1.5));
        assertThrows(
                InvalidArgumentException.class,
                () -> ToyJets.builder().optSignalFraction(Double.NaN));
        assertThrows(InvalidArgumentException.class, () -> ToyJets.builder().optPtRange(650, 550));
        assertThrows(InvalidArgumentException.class, () -> ToyJets.builder().build().generate(-1));
    }
}
