package org.hepgraph.experiments;

import java.util.List;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.GraphSet;
import org.hepgraph.datasets.Dataset;

/**
 * Chooses the train/test split of a data set: rows or a label chosen by the caller ({@link
 * TrainTestSplit}); else the data set's own protocol ({@link Dataset.Protocol}): the source's given
 * split, GLocalKD folds for TU sets, or {@link TrainTestSplit} for users' files.
 */
public final class Splits {

    private Splits() {}

    /**
     * What to split by.
     *
     * @param folds folds of a K-fold protocol (GLocalKD: 5)
     * @param seed seed of the fold assignment
     * @param trainRows rows to train on, or {@code null}
     * @param trainLabel raw label to train on, or {@code null}
     */
    public record Options(int folds, long seed, RowRange trainRows, Integer trainLabel) {
        /** GLocalKD's defaults, no row or label selection. */
        public static Options defaults() {
            return new Options(GlocalkdFolds.DEFAULT_FOLDS, GlocalkdFolds.DEFAULT_SEED, null, null);
        }
    }

    /** Every fold of {@code ds} under {@code options}. */
    public static List<Fold> folds(Dataset ds, Options options) {
        if (options.trainRows() != null || options.trainLabel() != null) {
            return List.of(TrainTestSplit.of(ds, options.trainRows(), options.trainLabel()));
        }
        return switch (ds.protocol()) {
            case GIVEN -> List.of(given(ds));
            case GLOCALKD -> GlocalkdFolds.folds(ds, options.folds(), options.seed());
            case TRAIN_TEST -> List.of(TrainTestSplit.of(ds, null, null));
        };
    }

    /**
     * The folds a benchmark runs over: the source's given split, GLocalKD folds for TU sets, and
     * for users' labelled files {@link KFold} ({@code options.folds()} stratified folds, normal =
     * label 0 or {@code options.trainLabel()}), so that no test graph was trained on.
     *
     * @throws InvalidArgumentException for unlabelled data (a benchmark needs labels)
     */
    public static List<Fold> crossValidation(Dataset ds, Options options) {
        if (ds.protocol() != Dataset.Protocol.TRAIN_TEST) {
            return folds(ds, options);
        }
        if (!ds.labelled()) {
            throw new InvalidArgumentException(
                    "benchmark: "
                            + ds.uri()
                            + " has no labels, so no AUC can be computed; benchmark a labelled"
                            + " file, or use 'train' and 'score' on unlabelled data");
        }
        int normal = options.trainLabel() == null ? Fold.NORMAL : options.trainLabel();
        return KFold.folds(ds, options.folds(), options.seed(), normal);
    }

    /** Fold {@code index} of {@link #folds}; an index out of range names the valid ones. */
    public static Fold fold(Dataset ds, Options options, int index) {
        List<Fold> all = folds(ds, options);
        if (index < 0 || index >= all.size()) {
            throw new InvalidArgumentException(
                    String.format(
                            "--fold %d: %s has %d fold(s) under its protocol (%s); give --fold in"
                                    + " [0, %d)",
                            index, ds.uri(), all.size(), ds.protocol(), all.size()));
        }
        return all.get(index);
    }

    /** The source's own split; anomaly = a raw label other than 0. */
    static Fold given(Dataset ds) {
        return make(ds, 0, ds.given().train().clone(), ds.given().test().clone(), Fold.NORMAL);
    }

    /**
     * The one place a fold's graphs are made: views of the data set's graphs at {@code
     * trainPositions} and {@code testPositions} (no graph is copied), relabelled 0 normal ({@code
     * normalLabel}), 1 anomaly, -1 unlabelled; then {@link #checked}.
     */
    static Fold make(
            Dataset ds, int index, int[] trainPositions, int[] testPositions, int normalLabel) {
        return checked(
                ds,
                new Fold(
                        index,
                        part(ds, trainPositions, normalLabel),
                        part(ds, testPositions, normalLabel),
                        trainPositions,
                        testPositions));
    }

    private static GraphSet part(Dataset ds, int[] positions, int normalLabel) {
        int[] labels = new int[positions.length];
        for (int k = 0; k < positions.length; k++) {
            labels[k] = KFold.label(ds, positions[k], normalLabel);
        }
        return ds.graphs().subsetView(positions).relabelledView(labels);
    }

    /** Refuses a fold with nothing to train on or nothing to score, naming the data set. */
    static Fold checked(Dataset ds, Fold fold) {
        if (fold.train().isEmpty()) {
            throw new InvalidArgumentException(
                    String.format(
                            "%s: fold %d has no normal graph to train on (%d graphs to score, %d"
                                    + " anomalies); the training part holds only the anomaly"
                                    + " class. Use fewer folds or a data set with normal graphs",
                            ds.uri(), fold.index(), fold.test().size(), fold.numTestAnomalies()));
        }
        if (fold.test().isEmpty()) {
            throw new InvalidArgumentException(
                    ds.uri()
                            + ": fold "
                            + fold.index()
                            + " has no graph to score; use fewer folds");
        }
        return fold;
    }
}
