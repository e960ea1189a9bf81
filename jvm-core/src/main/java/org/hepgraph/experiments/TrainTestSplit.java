package org.hepgraph.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.datasets.Dataset;

/**
 * The split for users' data: train on a selection of rows, score every row.
 *
 * <ul>
 *   <li>No labels: train on the rows of {@code trainRows} (default: every row).
 *   <li>Labels: train on the rows of {@code trainRows} whose raw label is {@code trainLabel}; with
 *       neither given, on the label-0 (background) rows. Test labels: {@code 0} where the raw label
 *       is the normal label ({@code trainLabel}, default 0), {@code 1} elsewhere.
 * </ul>
 *
 * The test part is every row, in file order, so a score table has one line per row.
 */
public final class TrainTestSplit {

    private TrainTestSplit() {}

    /**
     * The split of {@code ds}.
     *
     * @param trainRows rows to train on, or {@code null} for every row
     * @param trainLabel the raw label to train on (labelled data only), or {@code null}
     */
    public static Fold of(Dataset ds, RowRange trainRows, Integer trainLabel) {
        if (trainLabel != null && !ds.labelled()) {
            throw new InvalidArgumentException(
                    "--train-label "
                            + trainLabel
                            + ": "
                            + ds.uri()
                            + " has no labels; leave --train-label out to train on every row, or"
                            + " choose rows with --train-rows");
        }
        RowRange rows = trainRows == null ? RowRange.ALL : trainRows;
        int end = rows.end(ds.size(), ds.uri());
        int normal = trainLabel == null ? Fold.NORMAL : trainLabel;
        boolean byLabel = ds.labelled() && (trainLabel != null || trainRows == null);
        List<Integer> trainPos = new ArrayList<>();
        for (int g = rows.from(); g < end; g++) {
            if (!byLabel || ds.labels()[g] == normal) {
                trainPos.add(g);
            }
        }
        if (trainPos.isEmpty() && byLabel) {
            throw new InvalidArgumentException(
                    String.format(
                            "%s: no row in %s has label %d, so there is nothing to train on; the"
                                    + " labels present are %s. Choose the normal class with"
                                    + " --train-label or rows with --train-rows",
                            ds.uri(), rows, normal, distinct(ds.labels())));
        }
        int[] every = IntStream.range(0, ds.size()).toArray();
        return Splits.make(ds, 0, KFold.ints(trainPos), every, normal);
    }

    private static String distinct(int[] labels) {
        return Arrays.toString(IntStream.of(labels).distinct().sorted().toArray());
    }
}
