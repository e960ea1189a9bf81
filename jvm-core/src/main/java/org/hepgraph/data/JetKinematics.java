package org.hepgraph.data;

/**
 * Jet-level quantities computed from the constituents of {@link PaddedParticles} with features
 * {@code pt, eta, phi, e}: the classic one-number taggers that a graph model should beat.
 */
public final class JetKinematics {

    private JetKinematics() {}

    /**
     * {@code asinh(x) = sign(x)·log(|x| + sqrt(x² + 1))}, the pseudorapidity {@code η = asinh(pz /
     * pT)} of a momentum (java.lang.Math has none). The odd form keeps precision for large negative
     * x (forward particles); {@code x = ±∞} (pT = 0, along the beam) gives ±∞ and NaN gives NaN,
     * for the caller to refuse.
     */
    public static double asinh(double x) {
        double a = Math.abs(x);
        return Math.copySign(Math.log(a + Math.sqrt(a * a + 1)), x);
    }

    /**
     * The invariant mass {@code m = sqrt(max(0, E² − |p|²))} of each jet, summing the 4-vectors
     * {@code (pT cos φ, pT sin φ, pT sinh η, E)} of its real particles.
     */
    public static float[] mass(PaddedParticles jets) {
        int pt = index(jets, "pt");
        int eta = index(jets, "eta");
        int phi = index(jets, "phi");
        int e = index(jets, "e");
        float[] out = new float[jets.numJets()];
        for (int j = 0; j < jets.numJets(); j++) {
            double px = 0;
            double py = 0;
            double pz = 0;
            double en = 0;
            for (int p = 0; p < jets.counts()[j]; p++) {
                double t = jets.get(j, p, pt);
                px += t * Math.cos(jets.get(j, p, phi));
                py += t * Math.sin(jets.get(j, p, phi));
                pz += t * Math.sinh(jets.get(j, p, eta));
                en += jets.get(j, p, e);
            }
            out[j] = (float) Math.sqrt(Math.max(0, en * en - px * px - py * py - pz * pz));
        }
        return out;
    }

    /** The number of real particles of each jet, as a score. */
    public static float[] multiplicity(PaddedParticles jets) {
        float[] out = new float[jets.numJets()];
        for (int j = 0; j < out.length; j++) {
            out[j] = jets.counts()[j];
        }
        return out;
    }

    private static int index(PaddedParticles jets, String name) {
        int i = jets.featureNames().indexOf(name);
        if (i < 0) {
            throw new org.hepgraph.HepgraphException.InvalidGraphException(
                    "JetKinematics: the jets have features "
                            + jets.featureNames()
                            + " but need '"
                            + name
                            + "'; give pt, eta, phi, e");
        }
        return i;
    }
}
