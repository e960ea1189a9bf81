package org.hepgraph.metrics;

/** Score sets whose ROC curve a test can work out by hand. */
public final class RocFixtures {

    private RocFixtures() {}

    /**
     * {@code negatives} background graphs scored 0, 1, ..., negatives - 1, then {@code positives}
     * anomalies scored {@code top}, {@code top - step}, {@code top - 2 step}, ...
     */
    public static RocCurve ladder(int negatives, int positives, double top, double step) {
        double[] s = new double[negatives + positives];
        int[] y = new int[negatives + positives];
        for (int i = 0; i < negatives; i++) {
            s[i] = i;
        }
        for (int i = 0; i < positives; i++) {
            s[negatives + i] = top - step * i;
            y[negatives + i] = 1;
        }
        return RocCurve.of(s, y);
    }
}
