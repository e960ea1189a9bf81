package org.hepgraph.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sampling and relativistic kinematics behind {@link ToyJets}: the top decay, the negative binomial
 * multiplicity, Dirichlet momentum fractions and the float encoding of {@code phi}. Four-vectors
 * are {@code double[] {px, py, pz, E}}.
 */
final class ToyJetsKinematics {

    static final double TOP_MASS = 172.5;
    static final double TOP_WIDTH = 1.4;
    static final double W_MASS = 80.4;
    static final double W_WIDTH = 2.1;
    static final double B_MASS = 4.8;

    /** The largest float not above pi: floats of phi stay in (-pi, pi] read as doubles. */
    private static final float PHI_LIMIT = Math.nextDown((float) Math.PI);

    private ToyJetsKinematics() {}

    /**
     * The prongs {z, dEta, dPhi} of a top with transverse momentum {@code pt} along ({@code eta},
     * {@code phi}) decayed as {@code t -> b W, W -> q q'}: only prongs inside the cone of {@link
     * ToyJets#RADIUS} are kept, and their {@code z} (pT fractions) are normalised to sum to 1.
     */
    static List<double[]> topProngs(SplittableRandom rng, double pt, double eta, double phi) {
        double mt = TOP_MASS + TOP_WIDTH * rng.nextGaussian();
        double mw = W_MASS + W_WIDTH * rng.nextGaussian();
        double[][] bw = twoBodyAtRest(rng, mt, B_MASS, mw);
        double[][] qq = twoBodyAtRest(rng, mw, 0, 0);
        double[] wVel = velocity(bw[1]);
        double[] top = fromPtEtaPhiM(pt, eta, phi, mt);
        double[] topVel = velocity(top);
        double[][] quarks = {
            boost(bw[0], topVel),
            boost(boost(qq[0], wVel), topVel),
            boost(boost(qq[1], wVel), topVel)
        };
        List<double[]> prongs = new ArrayList<>(3);
        double sum = 0;
        double[] closest = null;
        double closestDr = Double.POSITIVE_INFINITY;
        for (double[] q : quarks) {
            double qpt = Math.hypot(q[0], q[1]);
            double dEta = JetKinematics.asinh(q[2] / qpt) - eta;
            double dPhi = wrapPhi(Math.atan2(q[1], q[0]) - phi);
            double[] prong = {qpt, dEta, dPhi};
            double dr = Math.hypot(dEta, dPhi);
            if (dr < closestDr) {
                closestDr = dr;
                closest = prong;
            }
            if (dr < ToyJets.RADIUS) {
                prongs.add(prong);
                sum += qpt;
            }
        }
        if (prongs.isEmpty()) { // only for tops far below the boosted regime
            prongs.add(closest);
            sum = closest[0];
        }
        for (double[] prong : prongs) {
            prong[0] /= sum;
        }
        return prongs;
    }

    /** Back-to-back daughters of masses m1, m2 of a parent of mass {@code m} at rest, isotropic. */
    private static double[][] twoBodyAtRest(SplittableRandom rng, double m, double m1, double m2) {
        double s = m * m;
        double p =
                Math.sqrt(Math.max(0, (s - (m1 + m2) * (m1 + m2)) * (s - (m1 - m2) * (m1 - m2))))
                        / (2 * m);
        double cos = 2 * rng.nextDouble() - 1;
        double sin = Math.sqrt(1 - cos * cos);
        double a = 2 * Math.PI * rng.nextDouble();
        double px = p * sin * Math.cos(a);
        double py = p * sin * Math.sin(a);
        double pz = p * cos;
        return new double[][] {
            {px, py, pz, Math.sqrt(p * p + m1 * m1)}, {-px, -py, -pz, Math.sqrt(p * p + m2 * m2)}
        };
    }

    static double[] fromPtEtaPhiM(double pt, double eta, double phi, double m) {
        double pz = pt * Math.sinh(eta);
        double p2 = pt * pt + pz * pz;
        return new double[] {pt * Math.cos(phi), pt * Math.sin(phi), pz, Math.sqrt(p2 + m * m)};
    }

    private static double[] velocity(double[] v) {
        return new double[] {v[0] / v[3], v[1] / v[3], v[2] / v[3]};
    }

    /** The four-vector {@code v} seen from a frame moving with velocity {@code -beta}. */
    static double[] boost(double[] v, double[] beta) {
        double b2 = beta[0] * beta[0] + beta[1] * beta[1] + beta[2] * beta[2];
        if (b2 == 0) {
            return v.clone();
        }
        double gamma = 1 / Math.sqrt(1 - b2);
        double bp = beta[0] * v[0] + beta[1] * v[1] + beta[2] * v[2];
        double f = (gamma - 1) * bp / b2 + gamma * v[3];
        return new double[] {
            v[0] + f * beta[0], v[1] + f * beta[1], v[2] + f * beta[2], gamma * (v[3] + bp)
        };
    }

    /** {@code phi} wrapped into (-pi, pi]. */
    static double wrapPhi(double phi) {
        double w = phi % (2 * Math.PI); // in (-2pi, 2pi)
        if (w > Math.PI) {
            w -= 2 * Math.PI;
        } else if (w <= -Math.PI) {
            w += 2 * Math.PI;
        }
        return w;
    }

    /** {@code phi} wrapped and rounded to a float that, read back as a double, is in (-pi, pi]. */
    static float phiToFloat(double phi) {
        float f = (float) wrapPhi(phi);
        return Math.max(-PHI_LIMIT, Math.min(PHI_LIMIT, f));
    }

    /** Gamma-Poisson (negative binomial) with the given mean and shape (variance m + m^2/k). */
    static int negativeBinomial(SplittableRandom rng, double mean, double shape) {
        double lambda = Math.min(500, gamma(rng, shape) * mean / shape);
        // Knuth: fine for lambda <= 500 (exp(-500) is still a normal double).
        double limit = Math.exp(-lambda);
        double prod = rng.nextDouble();
        int n = 0;
        while (prod > limit) {
            prod *= rng.nextDouble();
            n++;
        }
        return n;
    }

    /** {@code n} fractions drawn from a symmetric Dirichlet(alpha): positive, summing to 1. */
    static double[] dirichlet(SplittableRandom rng, int n, double alpha) {
        double[] x = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            x[i] = gamma(rng, alpha);
            sum += x[i];
        }
        if (!(sum > 0)) { // every draw underflowed: a flat split is the limit
            Arrays.fill(x, 1.0 / n);
            return x;
        }
        for (int i = 0; i < n; i++) {
            x[i] /= sum;
        }
        return x;
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (2000), with the boost for shape below 1. */
    static double gamma(SplittableRandom rng, double shape) {
        if (shape < 1) {
            return gamma(rng, shape + 1) * Math.pow(1 - rng.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rng.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1 - rng.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x
                    || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
