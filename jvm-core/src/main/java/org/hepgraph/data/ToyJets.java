package org.hepgraph.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * A seedable TOY generator of boosted jets: "QCD-like" one-prong jets (background, label 0) and
 * "top-like" three-prong jets (signal, label 1), in the layout of the top-tagging data set. It is
 * NOT a physics simulation (no matrix elements, no parton shower, no hadronisation, no detector):
 * it only reproduces the features a tagger keys on (prong structure, jet mass, multiplicity) so
 * that pipelines and detectors can be exercised and compared without downloading data. The two
 * classes overlap on purpose: a good tagger reaches an AUC around 0.9, not 1.
 *
 * <p>Recipe per jet (all angles are offsets {@code (dEta, dPhi)} from the jet axis, anti-kT-like
 * cone of radius {@code R = 0.8}):
 *
 * <ul>
 *   <li>Jet: {@code pT ~ U(550, 650)} GeV, {@code eta ~ U(-2, 2)}, {@code phi ~ U(-pi, pi)}.
 *   <li>Background prongs: one leading-log splitting of the parton, density {@code dz/z
 *       dtheta/theta} with {@code z in [0.01, 0.5]}, {@code theta in [0.01, R]}; the hard daughter
 *       carries {@code 1 - z}. Jet mass {@code m ~ sqrt(z(1 - z)) pT theta}, mostly tens of GeV.
 *   <li>Signal prongs: {@code t -> b W, W -> q q'} decayed isotropically in the rest frames ({@code
 *       m_t = 172.5}, {@code m_W = 80.4}, Gaussian widths 1.4 and 2.1 GeV, {@code m_b = 4.8}),
 *       boosted to the jet; prongs outside the cone are lost (uncontained tops have a lower mass,
 *       as in data).
 *   <li>Multiplicity: negative binomial ({@code mean 40} background, {@code 52} signal, shape 8),
 *       at least {@link #MIN_PARTICLES}, shared between prongs in proportion to {@code sqrt(z)}.
 *   <li>Each prong showers: momentum fractions {@code x ~ Dirichlet(0.5, ..., 0.5)}, angle to the
 *       prong {@code theta = kT / pT} with {@code kT ~ Exp(mean 1 GeV)} (collinear: soft particles
 *       go wide). A particle that would leave the cone is placed uniformly in it (soft wide-angle
 *       radiation), so the constituents' {@code pT} sum to the jet {@code pT} exactly.
 * </ul>
 *
 * <p>Output: {@link PaddedParticles} {@code [numJets, maxParticles, 4]} with features {@link
 * PaddedParticles#PT_ETA_PHI_E}: {@code pT} (GeV), {@code eta}, {@code phi} in {@code (-pi, pi]},
 * {@code E = pT cosh(eta)} (massless constituents), sorted by decreasing {@code pT}; the hardest
 * {@code maxParticles} are kept, the rest of each row is zero.
 *
 * <p>Options (builder): {@code optSeed} (default 42), {@code optMaxParticles} (64), {@code
 * optSignalFraction} of {@link #generate} (0.5), {@code optPtRange} (550, 650 GeV).
 *
 * <p>A generator is a random stream, like {@link java.util.Random}: successive calls return new
 * jets, and a new generator with the same seed repeats the same sequence. Not thread-safe.
 */
public final class ToyJets {

    /** The cone radius {@code R} in {@code (eta, phi)}. */
    public static final double RADIUS = 0.8;

    /** The smallest multiplicity drawn for a jet. */
    public static final int MIN_PARTICLES = 4;

    private static final double MAX_ABS_ETA = 2.0;
    private static final double KT_MEAN = 1.0;
    private static final double DIRICHLET_ALPHA = 0.5;
    private static final double NB_SHAPE = 8;
    private static final double MEAN_MULT_BACKGROUND = 40;
    private static final double MEAN_MULT_SIGNAL = 52;

    private final SplittableRandom rng;
    private final int maxParticles;
    private final double signalFraction;
    private final double ptMin;
    private final double ptMax;

    private ToyJets(Builder b) {
        this.rng = new SplittableRandom(b.seed);
        this.maxParticles = b.maxParticles;
        this.signalFraction = b.signalFraction;
        this.ptMin = b.ptMin;
        this.ptMax = b.ptMax;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code numJets} jets, {@code round(signalFraction * numJets)} of them signal, in random
     * order.
     */
    public PaddedParticles generate(int numJets) {
        checkCount(numJets);
        int numSignal = (int) Math.round(signalFraction * numJets);
        int[] labels = new int[numJets];
        Arrays.fill(labels, 0, numSignal, 1);
        for (int i = numJets - 1; i > 0; i--) { // Fisher–Yates
            int j = rng.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        return fill(labels);
    }

    /** {@code numJets} background (QCD-like, label 0) jets. */
    public PaddedParticles background(int numJets) {
        checkCount(numJets);
        return fill(new int[numJets]);
    }

    /** {@code numJets} signal (top-like, label 1) jets. */
    public PaddedParticles signal(int numJets) {
        checkCount(numJets);
        int[] labels = new int[numJets];
        Arrays.fill(labels, 1);
        return fill(labels);
    }

    private static void checkCount(int numJets) {
        if (numJets < 0) {
            throw new InvalidArgumentException(
                    "ToyJets: numJets is " + numJets + "; ask for 0 or more jets");
        }
    }

    private PaddedParticles fill(int[] labels) {
        int n = labels.length;
        float[] values = new float[n * maxParticles * 4];
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            counts[i] = jet(labels[i] == 1, values, i * maxParticles * 4);
        }
        return new PaddedParticles(
                n, maxParticles, 4, values, counts, labels, PaddedParticles.PT_ETA_PHI_E);
    }

    /** Writes one jet's constituents at {@code offset}; returns how many were kept. */
    private int jet(boolean isSignal, float[] out, int offset) {
        double pt = ptMin + (ptMax - ptMin) * rng.nextDouble();
        double eta = MAX_ABS_ETA * (2 * rng.nextDouble() - 1);
        double phi = Math.PI * (2 * rng.nextDouble() - 1);
        List<double[]> prongs =
                isSignal ? ToyJetsKinematics.topProngs(rng, pt, eta, phi) : qcdProngs();
        int total =
                Math.max(
                        MIN_PARTICLES,
                        ToyJetsKinematics.negativeBinomial(
                                rng, isSignal ? MEAN_MULT_SIGNAL : MEAN_MULT_BACKGROUND, NB_SHAPE));
        int[] mult = shareMultiplicity(prongs, total);
        // Rows of {pt, dEta, dPhi}.
        double[][] particles = new double[total][];
        int k = 0;
        for (int p = 0; p < prongs.size(); p++) {
            double[] prong = prongs.get(p); // {z, dEta, dPhi}
            double[] x = ToyJetsKinematics.dirichlet(rng, mult[p], DIRICHLET_ALPHA);
            for (double xi : x) {
                particles[k++] = constituent(prong, pt * prong[0] * xi);
            }
        }
        Arrays.sort(particles, (a, b) -> Double.compare(b[0], a[0]));
        int kept = Math.min(total, maxParticles);
        for (int i = 0; i < kept; i++) {
            double ci = eta + particles[i][1];
            int o = offset + i * 4;
            out[o] = (float) particles[i][0];
            out[o + 1] = (float) ci;
            out[o + 2] = ToyJetsKinematics.phiToFloat(phi + particles[i][2]);
            out[o + 3] = (float) (particles[i][0] * Math.cosh(ci));
        }
        return kept;
    }

    /** The two prongs {z, dEta, dPhi} of one leading-log splitting. */
    private List<double[]> qcdProngs() {
        double z = 0.01 * Math.pow(50, rng.nextDouble());
        double theta = 0.01 * Math.pow(RADIUS / 0.01, rng.nextDouble());
        double a = 2 * Math.PI * rng.nextDouble();
        double c = Math.cos(a);
        double s = Math.sin(a);
        List<double[]> prongs = new ArrayList<>(2);
        prongs.add(new double[] {1 - z, -z * theta * c, -z * theta * s});
        prongs.add(new double[] {z, (1 - z) * theta * c, (1 - z) * theta * s});
        return prongs;
    }

    private int[] shareMultiplicity(List<double[]> prongs, int total) {
        int m = prongs.size();
        int[] mult = new int[m];
        double[] cumulative = new double[m];
        double sum = 0;
        for (int p = 0; p < m; p++) {
            mult[p] = 1;
            sum += Math.sqrt(prongs.get(p)[0]);
            cumulative[p] = sum;
        }
        for (int i = m; i < total; i++) {
            double u = rng.nextDouble() * sum;
            int p = 0;
            while (p < m - 1 && u >= cumulative[p]) {
                p++;
            }
            mult[p]++;
        }
        return mult;
    }

    /** One constituent {pt, dEta, dPhi} of a prong {z, dEta, dPhi}. */
    private double[] constituent(double[] prong, double pt) {
        double theta = -KT_MEAN * Math.log(1 - rng.nextDouble()) / pt;
        double a = 2 * Math.PI * rng.nextDouble();
        double de = prong[1] + theta * Math.cos(a);
        double dp = prong[2] + theta * Math.sin(a);
        if (de * de + dp * dp >= RADIUS * RADIUS) {
            double r = RADIUS * Math.sqrt(rng.nextDouble());
            a = 2 * Math.PI * rng.nextDouble();
            de = r * Math.cos(a);
            dp = r * Math.sin(a);
        }
        return new double[] {pt, de, dp};
    }

    /** Options of {@link ToyJets}; every value has a documented default. */
    public static final class Builder {
        private long seed = 42;
        private int maxParticles = 64;
        private double signalFraction = 0.5;
        private double ptMin = 550;
        private double ptMax = 650;

        private Builder() {}

        /** The seed of the random stream (default 42). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Rows per jet; the hardest constituents are kept (default 64). */
        public Builder optMaxParticles(int maxParticles) {
            if (maxParticles < MIN_PARTICLES) {
                throw new InvalidArgumentException(
                        "ToyJets.Builder: maxParticles is "
                                + maxParticles
                                + "; give at least "
                                + MIN_PARTICLES
                                + " (64 is the default, 200 the top-tagging data set)");
            }
            this.maxParticles = maxParticles;
            return this;
        }

        /** The share of signal jets in {@link #generate}, rounded to whole jets (default 0.5). */
        public Builder optSignalFraction(double signalFraction) {
            if (!(signalFraction >= 0 && signalFraction <= 1)) {
                throw new InvalidArgumentException(
                        "ToyJets.Builder: signalFraction is "
                                + signalFraction
                                + "; give a fraction in [0, 1]");
            }
            this.signalFraction = signalFraction;
            return this;
        }

        /** The jet pT window in GeV (default 550 to 650). */
        public Builder optPtRange(double ptMin, double ptMax) {
            if (!(ptMin > 0 && ptMax >= ptMin && ptMax < Double.POSITIVE_INFINITY)) {
                throw new InvalidArgumentException(
                        "ToyJets.Builder: pT range ["
                                + ptMin
                                + ", "
                                + ptMax
                                + "]; give 0 < ptMin <= ptMax < infinity in GeV, e.g. 550, 650");
            }
            this.ptMin = ptMin;
            this.ptMax = ptMax;
            return this;
        }

        public ToyJets build() {
            return new ToyJets(this);
        }
    }
}
