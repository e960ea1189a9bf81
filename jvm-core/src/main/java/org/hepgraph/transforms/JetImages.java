package org.hepgraph.transforms;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.data.PaddedParticles;

/**
 * Jet images from constituents, as in the jet-image literature (Cogan et al., JHEP 02 (2015) 118;
 * de Oliveira et al., JHEP 07 (2016) 069): centre, rotate, flip, pixelate, normalise. Batched
 * NDArray code over a chunk of padded jets, in float64; the loops run over chunks, never over
 * particles. The Python reference {@code hepgraph.images.jet_images} (numpy) follows the same steps
 * and agrees within 1e-6.
 *
 * <p>For jet {@code b} with real particles {@code p} (features {@code pt, eta, phi}, found by
 * name):
 *
 * <ol>
 *   <li><b>Weights</b> {@code w_p = pT_p / Σ pT}. A jet whose {@code Σ pT ≤ 0} (an empty jet, or
 *       only zero pT) is refused, naming the jet.
 *   <li><b>Centre</b> on the pT-weighted axis, φ wrapped: with {@code h} the hardest particle (the
 *       first of the largest pT), {@code δφ_p = wrap(φ_p − φ_h)}, {@code Δφ_p = wrap(δφ_p − Σ w
 *       δφ)}, {@code Δη_p = η_p − Σ w η}; {@code wrap(d) = d − 2π·round(d / 2π)} (round half to
 *       even), into [−π, π]. So a jet across φ = ±π is centred as one jet.
 *   <li><b>Rotate</b> so the principal axis is vertical: second moments {@code C_ηη = Σ w Δη²},
 *       {@code C_φφ = Σ w Δφ²}, {@code C_ηφ = Σ w Δη Δφ}; the major axis makes the angle {@code θ =
 *       ½·atan2(2 C_ηφ, C_ηη − C_φφ)} with the η axis; with {@code α = π/2 − θ}: {@code u = cos α
 *       Δη − sin α Δφ} (horizontal), {@code v = sin α Δη + cos α Δφ} (vertical, along the major
 *       axis). One particle, or a round jet, has all moments 0: then {@code θ = 0}. Both
 *       coordinates are then snapped to multiples of 2<sup>−30</sup> ({@code rint(u·2³⁰)/2³⁰}), so
 *       that a particle on a pixel edge or on an axis (e.g. {@code u = 6e−17} from {@code cos π/2})
 *       lands in the same pixel whatever the last bit of the trigonometry.
 *   <li><b>Flip</b> so the hardest quadrant is the upper right: quadrant sums of {@code w} over
 *       {@code (u ≥ 0, v ≥ 0)}, {@code (u < 0, v ≥ 0)}, {@code (u ≥ 0, v < 0)}, {@code (u < 0, v <
 *       0)} in that order; the first largest one decides: {@code u → −u} when it lies at {@code u <
 *       0}, {@code v → −v} when it lies at {@code v < 0}. (This also removes the sign left open by
 *       the rotation: a rotation by π is both flips.)
 *   <li><b>Pixelate</b> {@code pixels × pixels} over {@code [−R, R)} in both coordinates: with
 *       {@code s = pixels / (2R)}, column {@code j = floor((u + R)·s)}, row {@code i = floor((v +
 *       R)·s)}; pixel {@code (i, j)} covers {@code u ∈ [−R + j/s, −R + (j+1)/s)} (half open: a
 *       particle on an edge goes to the pixel above / to the right). Particles with {@code i} or
 *       {@code j} outside {@code [0, pixels)} are dropped. Pixel value: the sum of {@code w} of its
 *       particles.
 *   <li><b>Normalise</b>: each image is divided by its sum, so it sums to 1 (pT-normalised after
 *       dropping what fell outside); an image with nothing inside stays all zeros.
 * </ol>
 *
 * <p>Layout: {@code images [B, pixels, pixels]} float32, row-major: {@code image[b, i, j]} is row
 * {@code i} (vertical, {@code v} ascending: row 0 is the bottom, {@code v ∈ [−R, −R + 1/s)}),
 * column {@code j} (horizontal, {@code u} ascending). Show it with {@code imshow(img,
 * origin="lower")}; the principal axis runs up the column {@code j ≈ pixels/2} and the hardest
 * quadrant is the top right.
 *
 * <p>Options: {@code optPixels(int)}, default {@value #DEFAULT_PIXELS}, at least 1; {@code
 * optRadius(double)}, default {@value #DEFAULT_RADIUS} (the jet's R), positive and finite. Jets are
 * processed in chunks of {@value #CHUNK} (memory {@code ~ chunk · P · pixels · 8} bytes per one-hot
 * table).
 */
public final class JetImages {

    public static final int DEFAULT_PIXELS = 40;
    public static final double DEFAULT_RADIUS = 0.8;

    /** Jets per chunk of NDArray work. */
    static final int CHUNK = 256;

    /** Coordinates are snapped to multiples of 1 / SNAP (a power of two: exact). */
    static final double SNAP = 1L << 30;

    private static final double TWO_PI = 2 * Math.PI;

    private final int pixels;
    private final double radius;

    private JetImages(int pixels, double radius) {
        this.pixels = pixels;
        this.radius = radius;
    }

    /** 40 × 40 pixels over ±0.8. */
    public static JetImages create() {
        return new JetImages(DEFAULT_PIXELS, DEFAULT_RADIUS);
    }

    /** A copy with {@code pixels × pixels} pixels (at least 1). */
    public JetImages optPixels(int pixels) {
        if (pixels < 1) {
            throw new InvalidArgumentException(
                    "JetImages: pixels = " + pixels + "; give at least 1 (e.g. 40)");
        }
        return new JetImages(pixels, radius);
    }

    /** A copy covering {@code [−radius, radius)} in both coordinates. */
    public JetImages optRadius(double radius) {
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new InvalidArgumentException(
                    "JetImages: radius = " + radius + "; give a positive, finite R (e.g. 0.8)");
        }
        return new JetImages(pixels, radius);
    }

    public int pixels() {
        return pixels;
    }

    public double radius() {
        return radius;
    }

    /**
     * The images of every jet, {@code [B · pixels · pixels]} row-major float32 (layout in the class
     * doc), computed chunk by chunk in a scratch manager on {@code manager}'s device.
     */
    public float[] toArray(NDManager manager, PaddedParticles jets) {
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(jets, "jets");
        int area = pixels * pixels;
        float[] out = new float[Math.multiplyExact(jets.numJets(), area)];
        for (int from = 0; from < jets.numJets(); from += CHUNK) {
            int to = Math.min(jets.numJets(), from + CHUNK);
            try (NDManager scope = manager.newSubManager()) {
                float[] chunk = chunk(scope, jets, from, to).toFloatArray();
                System.arraycopy(chunk, 0, out, from * area, chunk.length);
            }
        }
        return out;
    }

    /** The images of every jet as {@code [B, pixels, pixels]} float32 in {@code manager}. */
    public NDArray images(NDManager manager, PaddedParticles jets) {
        float[] v = toArray(manager, jets);
        return manager.create(v, new Shape(jets.numJets(), pixels, pixels));
    }

    /** Jets {@code [from, to)} as {@code [to − from, pixels, pixels]} float32 in {@code scope}. */
    private NDArray chunk(NDManager scope, PaddedParticles jets, int from, int to) {
        int b = to - from;
        int most = 1;
        for (int i = from; i < to; i++) {
            most = Math.max(most, jets.counts()[i]);
        }
        int f = jets.numFeatures();
        int ptCol = JetCloud.column(jets.featureNames(), "pt", "JetImages");
        int etaCol = JetCloud.column(jets.featureNames(), "eta", "JetImages");
        int phiCol = JetCloud.column(jets.featureNames(), "phi", "JetImages");
        long[] counts = new long[b];
        for (int r = 0; r < b; r++) {
            counts[r] = jets.counts()[from + r];
        }
        // one bulk copy of the chunk's rows, trimmed to its longest jet on the device
        int rowLength = jets.maxParticles() * f;
        float[] slab = new float[b * rowLength];
        System.arraycopy(jets.values(), from * rowLength, slab, 0, slab.length);
        NDArray values =
                scope.create(slab, new Shape(b, jets.maxParticles(), f))
                        .get(new NDIndex(":, :{}", most))
                        .toType(DataType.FLOAT64, false);
        NDArray mask =
                scope.arange(0, most, 1, DataType.INT64)
                        .reshape(1, most)
                        .lt(scope.create(counts).reshape(b, 1));
        NDArray ptA = zeroOutside(mask, column(values, ptCol));
        NDArray etaA = zeroOutside(mask, column(values, etaCol));
        NDArray phiA = zeroOutside(mask, column(values, phiCol));
        checkFinite(jets, from, mask, ptA, etaA, phiA);

        NDArray total = ptA.sum(new int[] {1}, true);
        checkPositive(total, from);
        NDArray w = ptA.div(total);

        NDArray hardest = ptA.argMax(1).reshape(b, 1);
        NDArray dphi0 = wrap(phiA.sub(phiA.gather(hardest, 1)));
        NDArray dphi = wrap(dphi0.sub(w.mul(dphi0).sum(new int[] {1}, true)));
        NDArray deta = etaA.sub(w.mul(etaA).sum(new int[] {1}, true));

        NDArray cee = w.mul(deta).mul(deta).sum(new int[] {1}, true);
        NDArray cpp = w.mul(dphi).mul(dphi).sum(new int[] {1}, true);
        NDArray cep = w.mul(deta).mul(dphi).sum(new int[] {1}, true);
        NDArray theta = cep.mul(2).atan2(cee.sub(cpp)).mul(0.5);
        NDArray alpha = theta.neg().add(Math.PI / 2);
        NDArray c = alpha.cos();
        NDArray s = alpha.sin();
        NDArray u = snap(c.mul(deta).sub(s.mul(dphi)));
        NDArray v = snap(s.mul(deta).add(c.mul(dphi)));

        NDArray right = u.gte(0);
        NDArray up = v.gte(0);
        NDArray quadrants =
                NDArrays.stack(
                        new NDList(
                                quadrant(w, right, up),
                                quadrant(w, right.logicalNot(), up),
                                quadrant(w, right, up.logicalNot()),
                                quadrant(w, right.logicalNot(), up.logicalNot())),
                        1);
        NDArray k = quadrants.argMax(1).reshape(b, 1);
        NDArray flipU = k.eq(1).logicalOr(k.eq(3));
        NDArray flipV = k.eq(2).logicalOr(k.eq(3));
        u = u.mul(sign(flipU));
        v = v.mul(sign(flipV));

        double scale = pixels / (2 * radius);
        NDArray col = u.add(radius).mul(scale).floor().toType(DataType.INT64, false);
        NDArray row = v.add(radius).mul(scale).floor().toType(DataType.INT64, false);
        NDArray slots = scope.arange(0, pixels, 1, DataType.INT64).reshape(1, 1, pixels);
        // one-hot rows and columns [b, P, pixels]; an index outside [0, pixels) matches no slot,
        // so particles outside ±R drop out here; padding has w = 0
        NDArray rowHot = row.expandDims(2).eq(slots).toType(DataType.FLOAT64, false);
        NDArray colHot =
                col.expandDims(2).eq(slots).toType(DataType.FLOAT64, false).mul(w.expandDims(2));
        NDArray image = rowHot.transpose(0, 2, 1).batchMatMul(colHot);
        NDArray sum = image.sum(new int[] {1, 2}, true);
        NDArray safe = NDArrays.where(sum.gt(0), sum, sum.onesLike());
        return image.div(safe).toType(DataType.FLOAT32, false);
    }

    /** {@code x} where {@code mask}, 0 elsewhere (also over NaN padding). */
    private static NDArray zeroOutside(NDArray mask, NDArray x) {
        return NDArrays.where(mask, x, x.zerosLike());
    }

    /** −1 where {@code flip}, else +1, as float64. */
    private static NDArray sign(NDArray flip) {
        return flip.toType(DataType.FLOAT64, false).mul(-2).add(1);
    }

    private static NDArray column(NDArray values, int col) {
        return values.get(new NDIndex(":, :, {}", col));
    }

    private static NDArray quadrant(NDArray w, NDArray a, NDArray b) {
        return w.mul(a.logicalAnd(b).toType(DataType.FLOAT64, false)).sum(new int[] {1});
    }

    /** {@code d − 2π·round(d / 2π)}, into [−π, π]. */
    private static NDArray wrap(NDArray d) {
        return d.sub(d.div(TWO_PI).round().mul(TWO_PI));
    }

    /** {@code rint(x · SNAP) / SNAP}. */
    private static NDArray snap(NDArray x) {
        return x.mul(SNAP).round().div(SNAP);
    }

    private static void checkFinite(
            PaddedParticles jets, int from, NDArray mask, NDArray... columns) {
        String[] names = {"pt", "eta", "phi"};
        for (int c = 0; c < columns.length; c++) {
            NDArray bad = columns[c].isNaN().logicalOr(columns[c].isInfinite()).logicalAnd(mask);
            if (bad.any().getBoolean()) {
                long[] at = bad.nonzero().get(0).toLongArray();
                throw new InvalidGraphException(
                        String.format(
                                "JetImages: jet %d, particle %d has %s = %s; every real"
                                        + " particle needs finite pt, eta, phi: fix or drop"
                                        + " that jet",
                                from + at[0],
                                at[1],
                                names[c],
                                jets.get(from + (int) at[0], (int) at[1], columnOf(jets, c))));
            }
        }
    }

    private static int columnOf(PaddedParticles jets, int c) {
        String[] names = {"pt", "eta", "phi"};
        return JetCloud.column(jets.featureNames(), names[c], "JetImages");
    }

    private static void checkPositive(NDArray total, int from) {
        NDArray bad = total.lte(0).logicalOr(total.isNaN()).reshape(-1);
        if (bad.any().getBoolean()) {
            long at = bad.nonzero().toLongArray()[0];
            double sum = total.reshape(-1).getDouble(at);
            throw new InvalidGraphException(
                    String.format(
                            "JetImages: jet %d has a total pT of %s (no particle, or only zero"
                                    + " pT); an image is normalised by the jet's pT, so it needs"
                                    + " at least one particle with pT > 0: drop that jet",
                            from + at, sum));
        }
    }

    @Override
    public String toString() {
        return "JetImages(pixels=" + pixels + ", radius=" + radius + ")";
    }
}
