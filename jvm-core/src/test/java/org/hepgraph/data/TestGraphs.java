package org.hepgraph.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small synthetic graph sets for tests: rings with Gaussian features, and perturbed rings. */
public final class TestGraphs {

    private TestGraphs() {}

    /** A ring of {@code n} nodes (both directions) with {@code f} N(shift, 1) features. */
    public static Graph ring(Random r, int n, int f, float shift, int label) {
        float[] x = new float[n * f];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian() + shift;
        }
        long[] ei = new long[4 * n];
        for (int i = 0; i < n; i++) {
            ei[2 * i] = i;
            ei[2 * n + 2 * i] = (i + 1) % n;
            ei[2 * i + 1] = (i + 1) % n;
            ei[2 * n + 2 * i + 1] = i;
        }
        return Graph.builder(n, f, x).edges(ei).y(label).build();
    }

    /** {@code count} rings of 5–12 nodes; anomalies have features shifted by {@code shift}. */
    public static List<Graph> rings(long seed, int count, int f, float shift, int label) {
        Random r = new Random(seed);
        List<Graph> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(ring(r, 5 + r.nextInt(8), f, shift, label));
        }
        return out;
    }

    /** The probability that a random positive outscores a random negative (ties count 1/2). */
    public static double auc(float[] scores, int[] labels) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            for (int j = 0; j < scores.length; j++) {
                if (labels[i] == 1 && labels[j] == 0) {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }
}
