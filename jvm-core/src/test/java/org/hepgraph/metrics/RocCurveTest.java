package org.hepgraph.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class RocCurveTest {

    private static final double EPS = 1e-12;

    @Test
    void perfectSeparationGivesOne() {
        RocCurve roc = RocCurve.of(new double[] {0.1, 0.2, 0.8, 0.9}, new int[] {0, 0, 1, 1});
        assertEquals(1.0, roc.auc(), EPS);
        assertEquals(1.0, roc.tprAtFpr(0.0), EPS);
    }

    @Test
    void reversedGivesZero() {
        RocCurve roc = RocCurve.of(new double[] {0.1, 0.2, 0.8, 0.9}, new int[] {1, 1, 0, 0});
        assertEquals(0.0, roc.auc(), EPS);
    }

    @Test
    void allTiedGivesOneHalfAndOneDiagonalSegment() {
        RocCurve roc = RocCurve.of(new float[] {3f, 3f, 3f, 3f, 3f}, new int[] {0, 1, 0, 1, 1});
        assertEquals(0.5, roc.auc(), EPS);
        assertArrayEquals(new double[] {0, 1}, roc.fpr(), EPS);
        assertArrayEquals(new double[] {0, 1}, roc.tpr(), EPS);
    }

    @Test
    void handExampleAucAndPoints() {
        // Pairs (pos, neg): (0.35, 0.1) win, (0.35, 0.4) loss, (0.8, 0.1) win, (0.8, 0.4) win.
        RocCurve roc = RocCurve.of(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1});
        assertEquals(0.75, roc.auc(), EPS);
        assertArrayEquals(
                new double[] {Double.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1}, roc.thresholds(), 0);
        assertArrayEquals(new double[] {0, 0, 0.5, 0.5, 1}, roc.fpr(), EPS);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, roc.tpr(), EPS);
        assertEquals(5, roc.size());
        assertEquals(2, roc.numPositives());
        assertEquals(2, roc.numNegatives());
    }

    @Test
    void tieBetweenPositiveAndNegativeCountsOneHalf() {
        // Pairs: (0.5, 0.2) win, (0.5, 0.5) tie = 1/2, (0.9, 0.2) win, (0.9, 0.5) win: 3.5 / 4.
        RocCurve roc = RocCurve.of(new double[] {0.2, 0.5, 0.5, 0.9}, new int[] {0, 1, 0, 1});
        assertEquals(0.875, roc.auc(), EPS);
        assertArrayEquals(new double[] {0, 0, 0.5, 1}, roc.fpr(), EPS);
        assertArrayEquals(new double[] {0, 0.5, 1, 1}, roc.tpr(), EPS);
    }

    @Test
    void negativeZeroTiesWithZero() {
        RocCurve roc = RocCurve.of(new double[] {-0.0, 0.0}, new int[] {0, 1});
        assertEquals(0.5, roc.auc(), EPS);
    }

    @Test
    void tprAtFprTakesTheLargestFprNotAboveTarget() {
        RocCurve roc = RocCurve.of(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1});
        assertEquals(0.5, roc.tprAtFpr(0.0), EPS);
        assertEquals(0.5, roc.tprAtFpr(0.49), EPS);
        assertEquals(0, roc.negativesAtFpr(0.49));
        assertEquals(1.0, roc.tprAtFpr(0.5), EPS);
        assertEquals(1, roc.negativesAtFpr(0.5));
        assertEquals(1.0, roc.tprAtFpr(1.0), EPS);
    }

    @Test
    void tprAtFprOnTenNegatives() {
        // Negatives 0..9 (score = index), positives at 9.5, 7.5, 5.5, 3.5, 1.5.
        RocCurve roc = RocFixtures.ladder(10, 5, 9.5, 2);
        assertEquals(0.2, roc.tprAtFpr(0.05), EPS); // FPR 0 cut: only 9.5
        assertEquals(0.4, roc.tprAtFpr(0.2), EPS); // FPR 0.2 cut: >= 7.5 gives 9.5, 7.5
        assertEquals(2, roc.negativesAtFpr(0.25));
        assertEquals(1.0 / 0.2, roc.rejectionAtTpr(0.4), EPS);
        assertEquals(Double.POSITIVE_INFINITY, roc.rejectionAtTpr(0.2));
        // Points: origin, 9.5 (0, .2), 9 (.1, .2), 8 (.2, .2), 7.5 (.2, .4), ...
        double[] sic = roc.sic();
        assertTrue(Double.isNaN(sic[0]) && Double.isNaN(sic[1]));
        assertEquals(0.4 / Math.sqrt(0.2), sic[4], EPS);
        // The best SIC is at the cut >= 1.5: TPR 1, FPR 0.8.
        assertEquals(1 / Math.sqrt(0.8), roc.maxSic(1), EPS);
        assertTrue(Double.isNaN(roc.maxSic(11)));
    }

    @Test
    void aucEqualsMannWhitneyOnRandomDataWithTies() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 600;
        double[] s = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(3) == 0 ? 1 : 0;
            s[i] = rng.nextInt(40) + 5 * y[i]; // integer scores: many ties
        }
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs++;
                    wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        RocCurve roc = RocCurve.of(s, y);
        assertEquals(wins / pairs, roc.auc(), EPS);
        assertTrue(roc.size() <= 46, "one point per distinct score plus the origin");
    }

    @Test
    void invariantUnderMonotoneTransform() {
        SplittableRandom rng = new SplittableRandom(11);
        int n = 300;
        double[] s = new double[n];
        double[] t = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextBoolean() ? 1 : 0;
            s[i] = Math.round(rng.nextGaussian() * 4 + y[i] * 2) / 4.0;
            t[i] = Math.exp(3 * s[i]) - 7;
        }
        RocCurve a = RocCurve.of(s, y);
        RocCurve b = RocCurve.of(t, y);
        assertEquals(a.auc(), b.auc(), EPS);
        assertArrayEquals(a.fpr(), b.fpr(), EPS);
        assertArrayEquals(a.tpr(), b.tpr(), EPS);
    }

    @Test
    void errorsNameTheArgumentAndTheFix() {
        String m =
                assertThrows(
                                InvalidArgumentException.class,
                                () -> RocCurve.of(new double[] {1, 2}, new int[] {1}))
                        .getMessage();
        assertTrue(m.contains("scores has 2") && m.contains("labels has 1"), m);
        m =
                assertThrows(
                                InvalidArgumentException.class,
                                () -> RocCurve.of(new double[] {1, 2}, new int[] {1, 1}))
                        .getMessage();
        assertTrue(m.contains("0 negatives") && m.contains("at least one of each"), m);
        m =
                assertThrows(
                                InvalidArgumentException.class,
                                () -> RocCurve.of(new double[] {1, 2}, new int[] {0, 0}))
                        .getMessage();
        assertTrue(m.contains("0 positives"), m);
        m =
                assertThrows(
                                InvalidArgumentException.class,
                                () -> RocCurve.of(new float[] {1, Float.NaN}, new int[] {0, 1}))
                        .getMessage();
        assertTrue(m.contains("scores[1] is NaN"), m);
        m =
                assertThrows(
                                InvalidArgumentException.class,
                                () -> RocCurve.of(new double[] {1, 2, 3}, new int[] {0, 1, 2}))
                        .getMessage();
        assertTrue(m.contains("labels[2] is 2") && m.contains("1 (positive"), m);
        RocCurve roc = RocCurve.of(new double[] {1, 2}, new int[] {0, 1});
        m = assertThrows(InvalidArgumentException.class, () -> roc.tprAtFpr(1.5)).getMessage();
        assertTrue(m.contains("targetFpr is 1.5"), m);
        assertThrows(InvalidArgumentException.class, () -> roc.tprAtFpr(Double.NaN));
        assertThrows(InvalidArgumentException.class, () -> roc.rejectionAtTpr(-0.1));
    }

    @Test
    void toStringSummarises() {
        RocCurve roc = RocCurve.of(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1});
        assertEquals("RocCurve[positives=2, negatives=2, points=5, auc=0.7500]", roc.toString());
    }
}
