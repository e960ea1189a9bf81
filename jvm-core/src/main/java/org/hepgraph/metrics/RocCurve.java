package org.hepgraph.metrics;

import java.util.Arrays;
import java.util.Locale;
import org.hepgraph.HepgraphException.InvalidArgumentException;

/**
 * The receiver operating characteristic of a score against binary truth labels.
 *
 * <p>Input: {@code scores [N]} (higher = more signal-like, more anomalous) and {@code labels [N]}
 * with 1 = positive (signal, anomaly) and 0 = negative (background). Selecting every event with
 * {@code score >= t} gives, with {@code P} positives and {@code N} negatives,
 *
 * <pre>
 *   TPR(t) = #{positives with score >= t} / P      (signal efficiency  eps_S)
 *   FPR(t) = #{negatives with score >= t} / N      (background efficiency eps_B)
 * </pre>
 *
 * <p>The curve holds one point per distinct score, plus the origin {@code (0, 0)} whose threshold
 * is reported as {@code +Infinity} (it selects nothing). Tied scores cannot be separated by any
 * threshold, so they make a single point and the curve joins it to the previous one by a straight
 * (diagonal) segment. With that convention the trapezoid area equals the Mann–Whitney probability
 *
 * <pre>
 *   AUC = P(s+ > s-) + 1/2 P(s+ = s-)
 * </pre>
 *
 * for a random positive {@code s+} and a random negative {@code s-}. {@code -0.0} and {@code 0.0}
 * count as the same score. Infinite scores are allowed; NaN is not.
 *
 * <p>Instances are immutable; accessors return copies.
 */
public final class RocCurve {

    /**
     * Below this many background events passing a cut, a working point (TPR at a fixed FPR) is
     * statistically unreliable, and tables flag it ({@link #lowStatisticsAtFpr}).
     */
    public static final long MIN_NEGATIVES = 10;

    private final double[] thresholds;
    private final long[] truePositives;
    private final long[] falsePositives;
    private final long numPositives;
    private final long numNegatives;

    private RocCurve(double[] thresholds, long[] tp, long[] fp, long numPos, long numNeg) {
        this.thresholds = thresholds;
        this.truePositives = tp;
        this.falsePositives = fp;
        this.numPositives = numPos;
        this.numNegatives = numNeg;
    }

    /** The curve of {@code scores} against {@code labels} (1 = positive, 0 = negative). */
    public static RocCurve of(float[] scores, int[] labels) {
        if (scores == null) {
            throw new InvalidArgumentException(
                    "RocCurve: scores is null; pass one score per event");
        }
        double[] d = new double[scores.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = scores[i];
        }
        return of(d, labels);
    }

    /** The curve of {@code scores} against {@code labels} (1 = positive, 0 = negative). */
    public static RocCurve of(double[] scores, int[] labels) {
        validate(scores, labels);
        int numPos = 0;
        for (int label : labels) {
            numPos += label;
        }
        double[] pos = new double[numPos];
        double[] neg = new double[labels.length - numPos];
        int p = 0;
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            double s = scores[i] + 0.0; // folds -0.0 into 0.0 so that they tie
            if (labels[i] == 1) {
                pos[p++] = s;
            } else {
                neg[n++] = s;
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        // Walk both sorted arrays from the top; each distinct score closes one point.
        int capacity = pos.length + neg.length + 1;
        double[] thr = new double[capacity];
        long[] tp = new long[capacity];
        long[] fp = new long[capacity];
        thr[0] = Double.POSITIVE_INFINITY;
        int k = 1;
        int i = pos.length - 1;
        int j = neg.length - 1;
        while (i >= 0 || j >= 0) {
            double t =
                    Math.max(
                            i >= 0 ? pos[i] : Double.NEGATIVE_INFINITY,
                            j >= 0 ? neg[j] : Double.NEGATIVE_INFINITY);
            while (i >= 0 && pos[i] == t) {
                i--;
            }
            while (j >= 0 && neg[j] == t) {
                j--;
            }
            thr[k] = t;
            tp[k] = pos.length - 1 - i;
            fp[k] = neg.length - 1 - j;
            k++;
        }
        return new RocCurve(
                Arrays.copyOf(thr, k),
                Arrays.copyOf(tp, k),
                Arrays.copyOf(fp, k),
                pos.length,
                neg.length);
    }

    private static void validate(double[] scores, int[] labels) {
        if (scores == null || labels == null) {
            throw new InvalidArgumentException(
                    "RocCurve: "
                            + (scores == null ? "scores" : "labels")
                            + " is null; pass one score and one label per event");
        }
        if (scores.length != labels.length) {
            throw new InvalidArgumentException(
                    String.format(
                            "RocCurve: scores has %d entries but labels has %d; give one label per score",
                            scores.length, labels.length));
        }
        int numPos = 0;
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new InvalidArgumentException(
                        "RocCurve: scores["
                                + i
                                + "] is NaN; fix or drop that event before computing the ROC");
            }
            if (labels[i] != 0 && labels[i] != 1) {
                throw new InvalidArgumentException(
                        String.format(
                                "RocCurve: labels[%d] is %d; labels must be 1 (positive, signal) or 0 (negative, background)",
                                i, labels[i]));
            }
            numPos += labels[i];
        }
        if (numPos == 0 || numPos == labels.length) {
            throw new InvalidArgumentException(
                    String.format(
                            "RocCurve: %d events with %d positives and %d negatives; a ROC needs at least one of each label",
                            labels.length, numPos, labels.length - numPos));
        }
    }

    /** The number of positive events {@code P}. */
    public long numPositives() {
        return numPositives;
    }

    /** The number of negative events {@code N}. */
    public long numNegatives() {
        return numNegatives;
    }

    /** The number of points, the origin included. */
    public int size() {
        return thresholds.length;
    }

    /** The false positive rates, non-decreasing from 0 to 1 (a copy). */
    public double[] fpr() {
        double[] out = new double[falsePositives.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = (double) falsePositives[k] / numNegatives;
        }
        return out;
    }

    /** The true positive rates, non-decreasing from 0 to 1 (a copy). */
    public double[] tpr() {
        double[] out = new double[truePositives.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = (double) truePositives[k] / numPositives;
        }
        return out;
    }

    /**
     * The thresholds, decreasing: point {@code k} selects {@code score >= thresholds[k]}; point 0
     * selects nothing and reports {@code +Infinity} (a copy).
     */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /**
     * The area under the curve by the trapezoid rule, {@code sum_k (FPR_k - FPR_k-1) (TPR_k +
     * TPR_k-1) / 2}; equal to the Mann–Whitney probability with ties counted 1/2. Computed in
     * integer counts, so it is exact up to the final division.
     */
    public double auc() {
        // 2 * P * N * AUC = sum dFP * (TP_k + TP_k-1); doubles hold the sum exactly below 2^53.
        double twiceArea = 0;
        for (int k = 1; k < thresholds.length; k++) {
            twiceArea +=
                    (double) (falsePositives[k] - falsePositives[k - 1])
                            * (truePositives[k] + truePositives[k - 1]);
        }
        return twiceArea / (2.0 * numPositives * numNegatives);
    }

    /**
     * The TPR of the curve point with the largest FPR not above {@code targetFpr} (the most
     * efficient cut that keeps the background efficiency at or below the target).
     *
     * <p>No interpolation: the answer is a real cut, never one that exceeds the target FPR, so it
     * is conservative (at or below the linearly interpolated value some tools report). At small
     * targets it is coarse: with {@code N} negatives the FPR moves in steps of {@code 1/N}, and the
     * answer rests on only {@link #negativesAtFpr} background events (e.g. 10 000 negatives at FPR
     * 1e-3 leave 10). If {@code targetFpr < 1/N} the answer is the cut that passes no background.
     *
     * @param targetFpr in [0, 1]
     */
    public double tprAtFpr(double targetFpr) {
        return (double) truePositives[indexAtFpr("tprAtFpr", targetFpr)] / numPositives;
    }

    /**
     * The number of negative (background) events passing the cut that {@link #tprAtFpr} chooses:
     * the statistics its answer rests on. Below about 10 the TPR at that FPR is unreliable.
     *
     * @param targetFpr in [0, 1]
     */
    public long negativesAtFpr(double targetFpr) {
        return falsePositives[indexAtFpr("negativesAtFpr", targetFpr)];
    }

    /**
     * Whether the working point of {@link #tprAtFpr} rests on fewer than {@link #MIN_NEGATIVES}
     * background events; tables flag such figures.
     */
    public boolean lowStatisticsAtFpr(double targetFpr) {
        return negativesAtFpr(targetFpr) < MIN_NEGATIVES;
    }

    private int indexAtFpr(String method, double targetFpr) {
        if (!(targetFpr >= 0 && targetFpr <= 1)) {
            throw new InvalidArgumentException(
                    "RocCurve."
                            + method
                            + ": targetFpr is "
                            + targetFpr
                            + "; give a rate in [0, 1], e.g. 1e-3");
        }
        // fp/N <= target, compared in counts to avoid rounding at exact steps.
        int best = 0;
        for (int k = 1; k < falsePositives.length; k++) {
            if (falsePositives[k] <= targetFpr * numNegatives) {
                best = k;
            } else {
                break;
            }
        }
        return best;
    }

    /**
     * The background rejection {@code 1 / FPR} at the first point whose TPR reaches {@code
     * targetTpr} (the smallest FPR with at least that signal efficiency). {@code +Infinity} if that
     * cut passes no background.
     *
     * @param targetTpr in [0, 1]
     */
    public double rejectionAtTpr(double targetTpr) {
        if (!(targetTpr >= 0 && targetTpr <= 1)) {
            throw new InvalidArgumentException(
                    "RocCurve.rejectionAtTpr: targetTpr is "
                            + targetTpr
                            + "; give an efficiency in [0, 1], e.g. 0.3");
        }
        for (int k = 0; k < truePositives.length; k++) {
            if (truePositives[k] >= targetTpr * numPositives) {
                return falsePositives[k] == 0
                        ? Double.POSITIVE_INFINITY
                        : (double) numNegatives / falsePositives[k];
            }
        }
        return 1.0; // unreachable: the last point has TPR 1
    }

    /**
     * The significance improvement {@code SIC = TPR / sqrt(FPR)} at each point (aligned with {@link
     * #fpr()} and {@link #tpr()}); NaN where {@code FPR = 0}, where it is undefined.
     */
    public double[] sic() {
        double[] out = new double[thresholds.length];
        for (int k = 0; k < out.length; k++) {
            out[k] =
                    falsePositives[k] == 0
                            ? Double.NaN
                            : ((double) truePositives[k] / numPositives)
                                    / Math.sqrt((double) falsePositives[k] / numNegatives);
        }
        return out;
    }

    /**
     * The largest SIC over the points that pass at least {@code minNegatives} background events
     * (the usual guard against the SIC blowing up on one or two background events); NaN if no point
     * passes that many.
     *
     * @param minNegatives at least 1
     */
    public double maxSic(long minNegatives) {
        if (minNegatives < 1) {
            throw new InvalidArgumentException(
                    "RocCurve.maxSic: minNegatives is "
                            + minNegatives
                            + "; give at least 1 (10 is common)");
        }
        double[] sic = sic();
        double best = Double.NaN;
        for (int k = 0; k < sic.length; k++) {
            if (falsePositives[k] >= minNegatives && !(sic[k] <= best)) {
                best = sic[k];
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "RocCurve[positives=%d, negatives=%d, points=%d, auc=%.4f]",
                numPositives,
                numNegatives,
                thresholds.length,
                auc());
    }
}
