package org.hepgraph.data;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Random;
import org.hepgraph.datasets.ImageLayout;

/** Image sets for tests, as one-node graphs ({@link ImageLayout}). */
public final class TestImages {

    private TestImages() {}

    /** {@code n} images of {@code side × side} uniform noise in [0, 1), label 0. */
    public static GraphSet random(int n, int side, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[n * side * side];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextFloat();
        }
        return set(v, n, new ImageLayout(side, side, 1), new int[n]);
    }

    /**
     * {@code n} images of {@code side × side}: a Gaussian blob of width 1–2 pixels near the centre
     * (peak 1) plus noise of 0.02; when {@code anomalous}, also a second blob of 0.4–0.7 of the
     * peak, 4–6 pixels away in a random direction (label 1, else 0): a two-prong jet among
     * one-prong ones.
     */
    public static GraphSet blobs(int n, int side, boolean anomalous, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[n * side * side];
        int[] labels = new int[n];
        double c = (side - 1) / 2.0;
        for (int i = 0; i < n; i++) {
            double cx = c + rnd.nextDouble() - 0.5;
            double cy = c + rnd.nextDouble() - 0.5;
            double sigma = 1 + rnd.nextDouble();
            double angle = rnd.nextDouble() * 2 * Math.PI;
            double dist = 4 + 2 * rnd.nextDouble();
            double amp2 = 0.4 + 0.3 * rnd.nextDouble();
            labels[i] = anomalous ? 1 : 0;
            for (int r = 0; r < side; r++) {
                for (int col = 0; col < side; col++) {
                    double val = blob(r, col, cy, cx, sigma);
                    if (anomalous) {
                        val +=
                                amp2
                                        * blob(
                                                r,
                                                col,
                                                cy + dist * Math.sin(angle),
                                                cx + dist * Math.cos(angle),
                                                1.0);
                    }
                    v[(i * side + r) * side + col] = (float) (val + 0.02 * rnd.nextGaussian());
                }
            }
        }
        return set(v, n, new ImageLayout(side, side, 1), labels);
    }

    private static double blob(int r, int c, double cy, double cx, double sigma) {
        double d2 = (r - cy) * (r - cy) + (c - cx) * (c - cx);
        return Math.exp(-d2 / (2 * sigma * sigma));
    }

    /** {@code values} ({@code n} images of {@code layout}) as an image set. */
    public static GraphSet set(float[] values, int n, ImageLayout layout, int[] labels) {
        ByteBuffer b = ImageLayout.direct(4L * values.length);
        FloatBuffer f = b.asFloatBuffer();
        f.put(values);
        return layout.graphs(b, n, labels);
    }

    /** {@code a} then {@code b}, as one list. */
    public static List<Graph> concat(List<Graph> a, List<Graph> b) {
        return GraphSet.builder().addAll(a).addAll(b).build();
    }
}
