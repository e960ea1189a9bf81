package org.hepgraph.experiments;

import java.util.List;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.datasets.Dataset;

/**
 * Graph-level anomaly-detection folds as in GLocalKD (Ma et al., WSDM 2022, arXiv:2112.10063).
 *
 * <p>The anomaly class is the raw label of the <em>first</em> graph (GLocalKD maps labels in order
 * of first appearance and calls mapped label 0 the anomaly): AIDS 0, MUTAG 1, NCI1 0, ENZYMES 6,
 * PROTEINS_full 1. The graphs are split into K folds stratified by raw class ({@link
 * KFold#assignFolds}); each fold's {@code train} holds the normal graphs of the other folds only,
 * its {@code test} every graph of the fold, relabelled {@code y = 1} anomaly, {@code 0} normal.
 * Default: {@value #DEFAULT_FOLDS} folds, seed {@value #DEFAULT_SEED}; graphs keep their file
 * order.
 */
public final class GlocalkdFolds {

    /** Folds of the GLocalKD protocol (its {@code StratifiedKFold(n_splits=5)}). */
    public static final int DEFAULT_FOLDS = 5;

    /** Seed used when none is given. */
    public static final long DEFAULT_SEED = 0L;

    private GlocalkdFolds() {}

    /** The anomaly label GLocalKD uses: the raw label of the first graph. */
    public static int anomalyLabel(int[] rawLabels) {
        return rawLabels[0];
    }

    /**
     * The GLocalKD folds of a labelled data set.
     *
     * @throws InvalidArgumentException if {@code ds} has no labels, a single class (no normal graph
     *     to train on) or fewer graphs than folds
     */
    public static List<Fold> folds(Dataset ds, int folds, long seed) {
        if (!ds.labelled() || ds.size() == 0) {
            throw new InvalidArgumentException(
                    "GlocalkdFolds: "
                            + ds.uri()
                            + " has no graph labels; the GLocalKD protocol needs labels to pick"
                            + " the anomaly class. Train on every row instead (the default for"
                            + " unlabelled data)");
        }
        int[] raw = ds.labels();
        int anomaly = anomalyLabel(raw);
        int[] foldOf = KFold.assignFolds(raw, folds, seed);
        boolean oneClass = true;
        for (int r : raw) {
            oneClass &= r == anomaly;
        }
        if (oneClass) {
            throw new InvalidArgumentException(
                    "GlocalkdFolds: every graph of "
                            + ds.uri()
                            + " has label "
                            + anomaly
                            + ", so there is no normal class to train on; anomaly detection"
                            + " needs graphs of at least two classes");
        }
        // Every graph not of the anomaly class is normal: pass a label no row holds as "normal"
        // would invert that, so relabel through KFold with the anomaly mapped explicitly.
        int[] normalised = new int[raw.length];
        for (int g = 0; g < raw.length; g++) {
            normalised[g] = raw[g] == anomaly ? 1 : 0;
        }
        Dataset binary =
                new Dataset(
                        ds.uri(),
                        ds.graphs(),
                        ds.rowIds(),
                        normalised,
                        ds.idColumns(),
                        ds.recipe(),
                        Dataset.Protocol.TRAIN_TEST,
                        null);
        return KFold.split(binary, foldOf, folds, 0);
    }
}
