package org.hepgraph.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.data.PaddedParticles;
import org.hepgraph.data.ToyJets;
import org.junit.jupiter.api.Test;

class JetImagesTest {

    private static final List<String> PT_ETA_PHI = List.of("pt", "eta", "phi");

    /** One jet of particles {pt, eta, phi} each. */
    private static PaddedParticles jet(double[]... particles) {
        float[] v = new float[particles.length * 3];
        for (int p = 0; p < particles.length; p++) {
            for (int f = 0; f < 3; f++) {
                v[p * 3 + f] = (float) particles[p][f];
            }
        }
        return new PaddedParticles(
                1, particles.length, 3, v, new int[] {particles.length}, new int[] {0}, PT_ETA_PHI);
    }

    private static float[] image(JetImages images, PaddedParticles jets) {
        try (NDManager m = NDManager.newBaseManager()) {
            return images.toArray(m, jets);
        }
    }

    private static float at(float[] img, int pixels, int jet, int row, int col) {
        return img[(jet * pixels + row) * pixels + col];
    }

    private static double sum(float[] img, int from, int len) {
        double s = 0;
        for (int i = from; i < from + len; i++) {
            s += img[i];
        }
        return s;
    }

    @Test
    void oneParticleFillsTheCentrePixel() {
        float[] img = image(JetImages.create(), jet(new double[] {100, 1.3, -2.0}));
        assertEquals(1600, img.length);
        // u = v = 0 → (0 + 0.8) · 25 = 20 (an edge: the pixel above / to the right)
        assertEquals(1f, at(img, 40, 0, 20, 20));
        assertEquals(1.0, sum(img, 0, 1600), 1e-7);
    }

    @Test
    void twoEqualParticlesAlongEtaStandOnTheVerticalAxis() {
        // centre η = 0; major axis along η (θ = 0) → turned to vertical: v = ±0.25, u = 0
        float[] img =
                image(
                        JetImages.create(),
                        jet(new double[] {50, 0.25, 1}, new double[] {50, -0.25, 1}));
        assertEquals(0.5f, at(img, 40, 0, 26, 20), 1e-7f); // floor((0.25 + 0.8) · 25) = 26
        assertEquals(0.5f, at(img, 40, 0, 13, 20), 1e-7f); // floor((−0.25 + 0.8) · 25) = 13
        assertEquals(1.0, sum(img, 0, 1600), 1e-7);
    }

    @Test
    void unequalPairIsFlippedSoTheHarderParticleIsUp() {
        // φ = 0 (pT 3) and 0.4 (pT 1): centre φ 0.1, Δφ = −0.1, +0.3, major axis already
        // vertical (θ = π/2, α = 0); the hardest quadrant is v < 0, so v flips: v = +0.1, −0.3
        float[] img =
                image(
                        JetImages.create(),
                        jet(new double[] {3, 0.5, 0}, new double[] {1, 0.5, 0.4}));
        assertEquals(0.75f, at(img, 40, 0, 22, 20), 1e-7f); // floor(0.9 · 25) = 22
        assertEquals(0.25f, at(img, 40, 0, 12, 20), 1e-7f); // floor(0.5 · 25) = 12
    }

    @Test
    void pixelsAndRadiusAreOptionsAndEdgesBelongToThePixelAbove() {
        // 4 pixels over ±1: s = 2, edges at −1, −0.5, 0, 0.5 (exact in binary); v = ±0.5 lie on
        // edges → rows floor(1.5 · 2) = 3 and floor(0.5 · 2) = 1; u = 0 → column 2
        JetImages small = JetImages.create().optPixels(4).optRadius(1.0);
        float[] img = image(small, jet(new double[] {1, 0.5, 0}, new double[] {1, -0.5, 0}));
        assertEquals(16, img.length);
        assertEquals(0.5f, at(img, 4, 0, 3, 2), 1e-7f);
        assertEquals(0.5f, at(img, 4, 0, 1, 2), 1e-7f);
        assertEquals("JetImages(pixels=4, radius=1.0)", small.toString());
    }

    @Test
    void particlesOutsideAreDroppedAndTheRestRenormalised() {
        // 0.7 and −0.1 in η with pT 1 and 7: centre 0, v = 0.7 and −0.1 → flip makes the hard
        // one up: v = 0.1 (row 22), −0.7 (row 2); the third particle 3 units away is dropped
        float[] img =
                image(
                        JetImages.create(),
                        jet(
                                new double[] {7, -0.1, 0},
                                new double[] {1, 0.7, 0},
                                new double[] {0.001, 3.0, 0}));
        assertEquals(1.0, sum(img, 0, 1600), 1e-6);
        assertTrue(at(img, 40, 0, 22, 20) > 0.87f);
        // two particles far from their centre fall outside: an empty image, not NaN
        float[] empty =
                image(JetImages.create(), jet(new double[] {1, 2, 0}, new double[] {1, -2, 0}));
        assertEquals(0.0, sum(empty, 0, 1600));
    }

    @Test
    void jetsAcrossPhiEqualsPiAreCentredAsOneJet() {
        double[] etas = {0.1, -0.3, 0.25};
        double[] dphis = {-0.05, 0.15, 0.3};
        double[] pts = {40, 25, 10};
        double[][] nearZero = new double[3][];
        double[][] acrossPi = new double[3][];
        for (int p = 0; p < 3; p++) {
            nearZero[p] = new double[] {pts[p], etas[p], dphis[p]};
            double phi = Math.PI + dphis[p];
            acrossPi[p] = new double[] {pts[p], etas[p], phi > Math.PI ? phi - 2 * Math.PI : phi};
        }
        float[] a = image(JetImages.create(), jet(nearZero));
        float[] b = image(JetImages.create(), jet(acrossPi));
        assertArrayEquals(a, b, 1e-6f);
        assertEquals(1.0, sum(b, 0, 1600), 1e-6);
    }

    @Test
    void rotatingOrShiftingTheInputJetGivesTheSameImage() {
        PaddedParticles jets = ToyJets.builder().optSeed(5).build().background(40);
        JetImages images = JetImages.create();
        float[] ref = image(images, jets);
        Random rnd = new Random(11);
        for (int trial = 0; trial < 3; trial++) {
            double beta = rnd.nextDouble() * 2 * Math.PI;
            double shiftEta = rnd.nextGaussian();
            float[] rotated = image(images, rotate(jets, beta, shiftEta));
            int differing = 0;
            for (int i = 0; i < ref.length; i++) {
                if (Math.abs(ref[i] - rotated[i]) > 1e-5) {
                    differing++;
                }
            }
            assertEquals(0, differing, "rotation by " + beta);
        }
        for (int j = 0; j < jets.numJets(); j++) {
            assertEquals(1.0, sum(ref, j * 1600, 1600), 1e-5, "jet " + j);
        }
    }

    /** Each jet rotated by {@code beta} about its pT-weighted axis and shifted in η. */
    private static PaddedParticles rotate(PaddedParticles jets, double beta, double shiftEta) {
        int f = jets.numFeatures();
        int pt = jets.featureNames().indexOf("pt");
        int eta = jets.featureNames().indexOf("eta");
        int phi = jets.featureNames().indexOf("phi");
        float[] v = jets.values().clone();
        for (int j = 0; j < jets.numJets(); j++) {
            int n = jets.counts()[j];
            double total = 0;
            double ce = 0;
            double cp = 0;
            double phiRef = jets.get(j, 0, phi);
            for (int p = 0; p < n; p++) {
                double w = jets.get(j, p, pt);
                total += w;
                ce += w * jets.get(j, p, eta);
                cp += w * wrap(jets.get(j, p, phi) - phiRef);
            }
            ce /= total;
            cp = phiRef + cp / total;
            for (int p = 0; p < n; p++) {
                double de = jets.get(j, p, eta) - ce;
                double dp = wrap(jets.get(j, p, phi) - cp);
                int row = (j * jets.maxParticles() + p) * f;
                v[row + eta] = (float) (ce + shiftEta + Math.cos(beta) * de - Math.sin(beta) * dp);
                v[row + phi] = (float) wrap(cp + Math.sin(beta) * de + Math.cos(beta) * dp);
            }
        }
        return new PaddedParticles(
                jets.numJets(),
                jets.maxParticles(),
                f,
                v,
                jets.counts(),
                jets.labels(),
                jets.featureNames());
    }

    private static double wrap(double d) {
        return d - 2 * Math.PI * Math.rint(d / (2 * Math.PI));
    }

    @Test
    void manyJetsSpanChunksAndMatchOneByOne() {
        PaddedParticles jets = ToyJets.builder().optSeed(2).build().signal(JetImages.CHUNK + 7);
        float[] all = image(JetImages.create().optPixels(16), jets);
        for (int j : new int[] {0, JetImages.CHUNK - 1, JetImages.CHUNK, JetImages.CHUNK + 6}) {
            float[] one = image(JetImages.create().optPixels(16), jets.slice(j, j + 1));
            float[] part = new float[256];
            System.arraycopy(all, j * 256, part, 0, 256);
            assertArrayEquals(one, part, 1e-7f, "jet " + j);
        }
    }

    @Test
    void badJetsAndOptionsAreRefusedWithTheJet() {
        PaddedParticles emptyJet =
                new PaddedParticles(
                        2,
                        1,
                        3,
                        new float[] {1, 0, 0, 0, 0, 0},
                        new int[] {1, 0},
                        new int[] {0, 0},
                        PT_ETA_PHI);
        var e =
                assertThrows(
                        InvalidGraphException.class, () -> image(JetImages.create(), emptyJet));
        assertTrue(e.getMessage().contains("jet 1 has a total pT of 0.0"), e.getMessage());
        var nan =
                assertThrows(
                        InvalidGraphException.class,
                        () ->
                                image(
                                        JetImages.create(),
                                        jet(
                                                new double[] {1, 0, 0},
                                                new double[] {1, Double.NaN, 0})));
        assertTrue(nan.getMessage().contains("jet 0, particle 1 has eta = NaN"), nan.getMessage());
        PaddedParticles noPt =
                new PaddedParticles(
                        1,
                        1,
                        2,
                        new float[] {0, 0},
                        new int[] {1},
                        new int[] {0},
                        List.of("eta", "phi"));
        var miss = assertThrows(InvalidGraphException.class, () -> image(JetImages.create(), noPt));
        assertTrue(miss.getMessage().contains("no 'pt'"), miss.getMessage());
        assertThrows(InvalidArgumentException.class, () -> JetImages.create().optPixels(0));
        assertThrows(InvalidArgumentException.class, () -> JetImages.create().optRadius(-1));
        assertThrows(
                InvalidArgumentException.class,
                () -> JetImages.create().optRadius(Double.POSITIVE_INFINITY));
    }
}
