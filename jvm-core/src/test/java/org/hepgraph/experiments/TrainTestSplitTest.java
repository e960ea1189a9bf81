package org.hepgraph.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.hepgraph.datasets.Dataset;
import org.junit.jupiter.api.Test;

class TrainTestSplitTest {

    @Test
    void unlabelledDataTrainsOnEveryRowAndScoresEveryRow() {
        Dataset ds = SplitData.of(null, 6);
        Fold f = Splits.folds(ds, Splits.Options.defaults()).get(0);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, SplitData.ids(f.train()));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, SplitData.ids(f.test()));
        assertTrue(f.test().stream().allMatch(g -> g.y() == -1));
        assertFalse(f.labelled());
    }

    @Test
    void unlabelledDataTrainsOnTheChosenRows() {
        Fold f = TrainTestSplit.of(SplitData.of(null, 6), RowRange.parse("2:4"), null);
        assertArrayEquals(new int[] {2, 3}, SplitData.ids(f.train()));
        assertArrayEquals(new int[] {2, 3}, f.trainPositions());
        assertEquals(6, f.test().size());
    }

    @Test
    void labelledDataTrainsOnLabelZeroByDefaultAndMarksOtherLabelsAnomalous() {
        Dataset ds = SplitData.of(new int[] {0, 1, 0, 2, 0, 1}, 6);
        Fold f = TrainTestSplit.of(ds, null, null);
        assertArrayEquals(new int[] {0, 2, 4}, SplitData.ids(f.train()));
        assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1}, f.testLabels());
        assertTrue(f.labelled());
    }

    @Test
    void aLabelSelectionMakesThatLabelTheNormalOne() {
        Dataset ds = SplitData.of(new int[] {0, 1, 0, 2, 0, 1}, 6);
        Fold f = TrainTestSplit.of(ds, RowRange.parse(":5"), 1);
        assertArrayEquals(new int[] {1}, SplitData.ids(f.train()));
        assertArrayEquals(new int[] {1, 0, 1, 1, 1, 0}, f.testLabels());
    }

    @Test
    void rowsWithoutALabelSelectionTrainOnEveryChosenRow() {
        Dataset ds = SplitData.of(new int[] {0, 1, 0, 2, 0, 1}, 6);
        Fold f = TrainTestSplit.of(ds, RowRange.parse("3:"), null);
        assertArrayEquals(new int[] {3, 4, 5}, SplitData.ids(f.train()));
    }

    @Test
    void badSelectionsAreExplained() {
        Dataset unlabelled = SplitData.of(null, 4);
        assertTrue(
                assertThrows(
                                InvalidArgumentException.class,
                                () -> TrainTestSplit.of(unlabelled, null, 0))
                        .getMessage()
                        .contains("has no labels"));
        Dataset labelled = SplitData.of(new int[] {1, 1, 2, 2}, 4);
        String m =
                assertThrows(
                                InvalidArgumentException.class,
                                () -> TrainTestSplit.of(labelled, null, null))
                        .getMessage();
        assertTrue(m.contains("no row in 0: has label 0") && m.contains("[1, 2]"), m);
        assertThrows(
                InvalidArgumentException.class,
                () -> TrainTestSplit.of(unlabelled, RowRange.parse("2:9"), null));
        for (String bad : new String[] {"5", "3:1", "a:b", "-1:2", "1:2:3"}) {
            InvalidArgumentException e =
                    assertThrows(InvalidArgumentException.class, () -> RowRange.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void kFoldTrainsOnTheNormalRowsOfTheOtherFolds() {
        int[] labels = IntStream.range(0, 20).map(i -> i % 4 == 0 ? 1 : 0).toArray();
        Dataset ds = SplitData.of(labels, 20);
        var folds = KFold.folds(ds, 4, 3L, 0);
        assertEquals(4, folds.size());
        int tested = 0;
        int anomalies = 0;
        for (Fold f : folds) {
            tested += f.test().size();
            anomalies += f.numTestAnomalies();
            assertEquals(5, f.test().size());
            // stratified: 5 anomalies dealt over 4 folds, so 1 or 2 in each
            assertTrue(f.numTestAnomalies() == 1 || f.numTestAnomalies() == 2, f.toString());
            for (Graph g : f.train()) {
                assertEquals(0, labels[(int) g.x()[0]]);
            }
            for (int p : f.testPositions()) {
                for (int q : f.trainPositions()) {
                    assertFalse(p == q, "a row in both parts");
                }
            }
        }
        assertEquals(20, tested);
        assertEquals(5, anomalies);
    }
}
