package org.hepgraph.io.tu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.hepgraph.io.tu.AnomalySplit.Fold;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AnomalySplitTest {

    private static TuDataset aids;
    private static TuDataset mutag;

    @BeforeAll
    static void read() {
        aids = TuDatasetReader.read("AIDS");
        mutag = TuDatasetReader.read("MUTAG");
    }

    @Test
    void anomalyIsTheRawLabelOfTheFirstGraph() {
        assertEquals(0, AnomalySplit.anomalyLabel(aids));
        assertEquals(400, count(aids.rawLabels(), 0));
        assertEquals(1, AnomalySplit.anomalyLabel(mutag));
        assertEquals(125, count(mutag.rawLabels(), 1));
    }

    @Test
    void anomalyClassesMatchTheGlocalkdTableOfProvenance() {
        assertEquals(6, AnomalySplit.anomalyLabel(TuDatasetReader.read("ENZYMES")));
        assertEquals(0, AnomalySplit.anomalyLabel(TuDatasetReader.read("NCI1")));
        TuDataset proteins = TuDatasetReader.read("PROTEINS_full");
        assertEquals(1, AnomalySplit.anomalyLabel(proteins));
        assertEquals(3, proteins.numNodeFeatures()); // node labels 0..2, attributes not shipped
    }

    @Test
    void aidsFoldsAreDisjointCoverEveryGraphAndKeepTheAnomalyFraction() {
        List<Fold> folds = AnomalySplit.glocalkd(aids, 5, AnomalySplit.DEFAULT_SEED);
        assertFoldsSound(aids, folds, 5, AnomalySplit.DEFAULT_SEED, 400);
    }

    @Test
    void foldsAreViewsOfTheDataSetsBuffers() {
        Fold fold = AnomalySplit.glocalkd(aids, 5, AnomalySplit.DEFAULT_SEED).get(2);
        long x = MemorySegment.ofBuffer(aids.graphs().xView()).address();
        assertEquals(x, MemorySegment.ofBuffer(fold.train().xView()).address());
        assertEquals(x, MemorySegment.ofBuffer(fold.test().xView()).address());
        assertTrue(fold.test().get(0).isView());
        // The relabelled view changes labels only: the data set keeps its raw classes.
        assertArrayEquals(
                new int[] {0, 1},
                Arrays.stream(aids.graphs().labels()).distinct().sorted().toArray());
        assertTrue(Arrays.stream(fold.train().labels()).allMatch(y -> y == AnomalySplit.NORMAL));
    }

    @Test
    void mutagFoldsAreSoundWithTheMajorityAsAnomaly() {
        assertFoldsSound(mutag, AnomalySplit.glocalkd(mutag, 5, 7L), 5, 7L, 125);
        assertFoldsSound(mutag, AnomalySplit.glocalkd(mutag, 3, 7L), 3, 7L, 125);
    }

    @Test
    void theSameSeedGivesTheSameFoldsAndAnotherSeedDiffers() {
        int[] a = AnomalySplit.assignFolds(aids.rawLabels(), 5, 0L);
        assertArrayEquals(a, AnomalySplit.assignFolds(aids.rawLabels(), 5, 0L));
        assertFalse(Arrays.equals(a, AnomalySplit.assignFolds(aids.rawLabels(), 5, 1L)));
        List<Fold> f1 = AnomalySplit.glocalkd(mutag, 5, 3L);
        List<Fold> f2 = AnomalySplit.glocalkd(mutag, 5, 3L);
        assertEquals(f1, f2);
        assertFalse(f1.equals(AnomalySplit.glocalkd(mutag, 5, 4L)));
    }

    @Test
    void forNamePicksTheVariant() {
        List<Fold> aidsFolds = AnomalySplit.forName("AIDS", 5, 0L);
        assertEquals(AnomalySplit.glocalkd(aids, 5, 0L), aidsFolds);

        List<Fold> hse = AnomalySplit.forName("Tox21_HSE");
        assertEquals(1, hse.size());
        Fold f = hse.get(0);
        assertEquals(7722, f.train().size()); // raw label 0 of the training file
        assertEquals(267, f.test().size());
        assertEquals(10, f.numTestAnomalies()); // raw label 1 of the testing file
        assertEquals(f.train().get(0).numFeatures(), f.test().get(0).numFeatures());
        assertTrue(f.train().stream().allMatch(g -> g.y() == AnomalySplit.NORMAL));

        Fold ppar = AnomalySplit.forName("Tox21_PPAR-gamma").get(0);
        assertEquals(7962, ppar.train().size());
        assertEquals(15, ppar.numTestAnomalies());
    }

    @Test
    void badFoldCountsAreRefused() {
        InvalidArgumentException e =
                assertThrows(
                        InvalidArgumentException.class, () -> AnomalySplit.glocalkd(mutag, 1, 0L));
        assertTrue(e.getMessage().contains("folds = 1"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> AnomalySplit.glocalkd(mutag, 189, 0L));
    }

    private static void assertFoldsSound(
            TuDataset ds, List<Fold> folds, int k, long seed, int anomalies) {
        int n = ds.numGraphs();
        int anomaly = AnomalySplit.anomalyLabel(ds);
        int[] foldOf = AnomalySplit.assignFolds(ds.rawLabels(), k, seed);
        assertEquals(k, folds.size());
        int tested = 0;
        int testedAnomalies = 0;
        for (Fold fold : folds) {
            // Every graph lies in exactly one fold (foldOf), so matching each fold's lists to
            // foldOf, in file order, shows that the folds are disjoint and cover every graph.
            List<Graph> test = new ArrayList<>();
            List<Graph> train = new ArrayList<>();
            for (int g = 0; g < n; g++) {
                boolean isAnomaly = ds.rawLabels()[g] == anomaly;
                if (foldOf[g] == fold.index()) {
                    test.add(ds.graphs().get(g).withLabel(isAnomaly ? 1 : 0));
                } else if (!isAnomaly) {
                    train.add(ds.graphs().get(g).withLabel(0));
                }
            }
            assertEquals(test, fold.test());
            assertEquals(train, fold.train());
            int testSize = fold.test().size();
            tested += testSize;
            testedAnomalies += fold.numTestAnomalies();
            assertTrue(Math.abs(testSize - n / (double) k) < 1.0, "fold size " + testSize);
            double expected = anomalies / (double) k;
            assertTrue(
                    Math.abs(fold.numTestAnomalies() - expected) < 1.0,
                    "fold " + fold.index() + ": " + fold.numTestAnomalies() + " vs " + expected);
            assertTrue(fold.train().stream().allMatch(g -> g.y() == AnomalySplit.NORMAL));
        }
        assertEquals(n, tested);
        assertEquals(anomalies, testedAnomalies);
    }

    private static int count(int[] values, int v) {
        return (int) Arrays.stream(values).filter(x -> x == v).count();
    }
}
