package org.hepgraph.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ToyJetsKinematicsTest {

    private static double mass(double[] v) {
        return Math.sqrt(Math.max(0, v[3] * v[3] - v[0] * v[0] - v[1] * v[1] - v[2] * v[2]));
    }

    @Test
    void phiWrapsIntoMinusPiPi() {
        assertEquals(Math.PI, ToyJetsKinematics.wrapPhi(Math.PI), 0);
        assertEquals(Math.PI, ToyJetsKinematics.wrapPhi(-Math.PI), 0);
        assertEquals(7 - 2 * Math.PI, ToyJetsKinematics.wrapPhi(7), 1e-12);
        assertEquals(-1, ToyJetsKinematics.wrapPhi(-1 + 4 * Math.PI), 1e-12);
        // Rounded to float, phi must still read back inside (-pi, pi].
        assertTrue(ToyJetsKinematics.phiToFloat(Math.PI) <= Math.PI);
        assertTrue(ToyJetsKinematics.phiToFloat(-Math.PI + 1e-9) > -Math.PI);
    }

    @Test
    void boostKeepsTheMass() {
        double[] v = {3, -4, 12, 20};
        double[] b = ToyJetsKinematics.boost(v, new double[] {0.3, 0.5, -0.6});
        assertEquals(mass(v), mass(b), 1e-9);
        double[] top = ToyJetsKinematics.fromPtEtaPhiM(600, 1.2, -2.5, 172.5);
        assertEquals(172.5, mass(top), 1e-9);
        assertEquals(600, Math.hypot(top[0], top[1]), 1e-9);
    }

    @Test
    void containedTopProngsRebuildTheTopMass() {
        SplittableRandom rng = new SplittableRandom(1);
        int contained = 0;
        for (int t = 0; t < 100; t++) {
            // At 2 TeV the decay products mostly lie within dR ~ 2m/pT ~ 0.2; a soft quark
            // thrown backwards in the top frame can still leave the cone.
            List<double[]> prongs = ToyJetsKinematics.topProngs(rng, 2000, 0.5, 3.0);
            if (prongs.size() < 3) {
                continue;
            }
            contained++;
            double[] sum = new double[4];
            double z = 0;
            for (double[] p : prongs) {
                double[] v =
                        ToyJetsKinematics.fromPtEtaPhiM(2000 * p[0], 0.5 + p[1], 3.0 + p[2], 0);
                for (int c = 0; c < 4; c++) {
                    sum[c] += v[c];
                }
                z += p[0];
            }
            assertEquals(1, z, 1e-12);
            assertEquals(ToyJetsKinematics.TOP_MASS, mass(sum), 10);
        }
        assertTrue(contained >= 90, contained + " of 100 tops fully contained at 2 TeV");
    }

    @Test
    void samplersHaveTheStatedMoments() {
        SplittableRandom rng = new SplittableRandom(9);
        int n = 20000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            int k = ToyJetsKinematics.negativeBinomial(rng, 40, 8);
            sum += k;
            sumSq += (double) k * k;
        }
        double mean = sum / n;
        double var = sumSq / n - mean * mean;
        assertEquals(40, mean, 0.5);
        assertEquals(40 + 40 * 40 / 8.0, var, 25); // m + m^2 / k = 240
        double[] x = ToyJetsKinematics.dirichlet(rng, 50, 0.5);
        double total = 0;
        for (double xi : x) {
            assertTrue(xi > 0);
            total += xi;
        }
        assertEquals(1, total, 1e-12);
    }
}
