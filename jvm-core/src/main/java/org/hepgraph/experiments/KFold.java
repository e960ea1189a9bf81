package org.hepgraph.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.datasets.Dataset;

/**
 * K-fold splits for anomaly detection: each fold's test part is one K-th of the rows; its training
 * part is the normal rows of the other folds (every other row when the data set has no labels).
 *
 * <p>Folds are stratified by label ({@link #assignFolds}) and deterministic: {@code new
 * Random(seed)}, Fisher–Yates per class. An anomaly is a row whose raw label differs from the
 * normal label; GLocalKD's protocol ({@link GlocalkdFolds}) is this split with the normal label
 * chosen its way.
 */
public final class KFold {

    private KFold() {}

    /**
     * The fold of each row, stratified by {@code classes}: each class is shuffled with {@code new
     * Random(seed)} and dealt round-robin, so every fold holds {@code floor} or {@code ceil} of
     * {@code count / folds} rows of each class and fold sizes differ by at most one.
     *
     * @param classes {@code [G]} class of each row (any int values)
     * @return {@code [G]} fold index in {@code [0, folds)}
     */
    public static int[] assignFolds(int[] classes, int folds, long seed) {
        if (folds < 2 || folds > classes.length) {
            throw new InvalidArgumentException(
                    "KFold: folds = "
                            + folds
                            + " but it must lie in [2, "
                            + classes.length
                            + "] for "
                            + classes.length
                            + " graphs; the GLocalKD protocol uses 5");
        }
        Random random = new Random(seed);
        int[] distinct = IntStream.of(classes).distinct().sorted().toArray();
        int[] foldOf = new int[classes.length];
        int dealt = 0;
        for (int c : distinct) {
            int[] members = new int[classes.length];
            int count = 0;
            for (int g = 0; g < classes.length; g++) {
                if (classes[g] == c) {
                    members[count++] = g;
                }
            }
            for (int i = count - 1; i > 0; i--) { // Fisher-Yates: same order on every JDK
                int j = random.nextInt(i + 1);
                int t = members[i];
                members[i] = members[j];
                members[j] = t;
            }
            for (int i = 0; i < count; i++) {
                foldOf[members[i]] = dealt++ % folds;
            }
        }
        return foldOf;
    }

    /**
     * K stratified folds of {@code ds}; a labelled row is normal when its raw label is {@code
     * normalLabel} (anomalies never train), an unlabelled set trains on every other row.
     */
    public static List<Fold> folds(Dataset ds, int folds, long seed, int normalLabel) {
        int[] classes = ds.labelled() ? ds.labels() : new int[ds.size()];
        return split(ds, assignFolds(classes, folds, seed), folds, normalLabel);
    }

    /** The folds given each row's fold, normal rows by {@code normalLabel}. */
    static List<Fold> split(Dataset ds, int[] foldOf, int folds, int normalLabel) {
        List<Fold> out = new ArrayList<>(folds);
        for (int f = 0; f < folds; f++) {
            List<Integer> trainPos = new ArrayList<>();
            List<Integer> testPos = new ArrayList<>();
            for (int g = 0; g < ds.size(); g++) {
                if (foldOf[g] == f) {
                    testPos.add(g);
                } else if (label(ds, g, normalLabel) != Fold.ANOMALY) {
                    trainPos.add(g);
                }
            }
            out.add(Splits.make(ds, f, ints(trainPos), ints(testPos), normalLabel));
        }
        return out;
    }

    /** 1 anomaly, 0 normal, -1 when the data set has no labels. */
    static int label(Dataset ds, int g, int normalLabel) {
        if (!ds.labelled()) {
            return -1;
        }
        return ds.labels()[g] == normalLabel ? Fold.NORMAL : Fold.ANOMALY;
    }

    static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
