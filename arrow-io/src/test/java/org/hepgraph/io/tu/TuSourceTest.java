package org.hepgraph.io.tu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.experiments.Fold;
import org.hepgraph.experiments.GlocalkdFolds;
import org.hepgraph.experiments.KFold;
import org.hepgraph.experiments.Splits;
import org.hepgraph.io.DatasetSources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tu:} data sets and the GLocalKD folds on the real TU files. */
class TuSourceTest {

    private static Dataset aids;
    private static Dataset mutag;

    @BeforeAll
    static void read() {
        aids = DatasetSources.open("tu:AIDS", Map.of());
        mutag = DatasetSources.open("tu:MUTAG", Map.of());
    }

    @Test
    void anomalyIsTheRawLabelOfTheFirstGraph() {
        assertEquals(0, GlocalkdFolds.anomalyLabel(aids.labels()));
        assertEquals(400, count(aids.labels(), 0));
        assertEquals(1, GlocalkdFolds.anomalyLabel(mutag.labels()));
        assertEquals(125, count(mutag.labels(), 1));
        assertEquals(Dataset.Protocol.GLOCALKD, aids.protocol());
        assertEquals(aids.size() - 1, aids.rowIds()[aids.size() - 1]);
    }

    @Test
    void anomalyClassesMatchTheGlocalkdTableOfProvenance() {
        assertEquals(6, GlocalkdFolds.anomalyLabel(TuDatasetReader.read("ENZYMES").rawLabels()));
        assertEquals(0, GlocalkdFolds.anomalyLabel(TuDatasetReader.read("NCI1").rawLabels()));
        TuDataset proteins = TuDatasetReader.read("PROTEINS_full");
        assertEquals(1, GlocalkdFolds.anomalyLabel(proteins.rawLabels()));
        assertEquals(3, proteins.numNodeFeatures()); // node labels 0..2, attributes not shipped
    }

    @Test
    void aidsFoldsAreDisjointCoverEveryGraphAndKeepTheAnomalyFraction() {
        List<Fold> folds = GlocalkdFolds.folds(aids, 5, GlocalkdFolds.DEFAULT_SEED);
        assertFoldsSound(aids, folds, 5, GlocalkdFolds.DEFAULT_SEED, 400);
        assertEquals(folds, Splits.folds(aids, Splits.Options.defaults()));
    }

    @Test
    void foldsAreViewsOfTheDataSetsBuffers() {
        Fold fold = GlocalkdFolds.folds(aids, 5, GlocalkdFolds.DEFAULT_SEED).get(2);
        long x = MemorySegment.ofBuffer(aids.graphs().xView()).address();
        assertEquals(x, MemorySegment.ofBuffer(fold.train().xView()).address());
        assertEquals(x, MemorySegment.ofBuffer(fold.test().xView()).address());
        assertTrue(fold.test().get(0).isView());
        // The relabelled view changes labels only: the data set keeps its raw classes.
        assertArrayEquals(
                new int[] {0, 1},
                Arrays.stream(aids.graphs().labels()).distinct().sorted().toArray());
        assertTrue(Arrays.stream(fold.train().labels()).allMatch(y -> y == Fold.NORMAL));
    }

    @Test
    void mutagFoldsAreSoundWithTheMajorityAsAnomaly() {
        assertFoldsSound(mutag, GlocalkdFolds.folds(mutag, 5, 7L), 5, 7L, 125);
        assertFoldsSound(mutag, GlocalkdFolds.folds(mutag, 3, 7L), 3, 7L, 125);
    }

    @Test
    void theSameSeedGivesTheSameFoldsAndAnotherSeedDiffers() {
        int[] a = KFold.assignFolds(aids.labels(), 5, 0L);
        assertArrayEquals(a, KFold.assignFolds(aids.labels(), 5, 0L));
        assertFalse(Arrays.equals(a, KFold.assignFolds(aids.labels(), 5, 1L)));
        List<Fold> f1 = GlocalkdFolds.folds(mutag, 5, 3L);
        List<Fold> f2 = GlocalkdFolds.folds(mutag, 5, 3L);
        assertEquals(f1, f2);
        assertFalse(f1.equals(GlocalkdFolds.folds(mutag, 5, 4L)));
    }

    @Test
    void tox21UsesItsGivenSplit() {
        Dataset hseSet = DatasetSources.open("tu:Tox21_HSE", Map.of());
        assertEquals(Dataset.Protocol.GIVEN, hseSet.protocol());
        List<Fold> hse = Splits.folds(hseSet, Splits.Options.defaults());
        assertEquals(1, hse.size());
        Fold f = hse.get(0);
        assertEquals(7722, f.train().size()); // raw label 0 of the training file
        assertEquals(267, f.test().size());
        assertEquals(10, f.numTestAnomalies()); // raw label 1 of the testing file
        assertEquals(f.train().get(0).numFeatures(), f.test().get(0).numFeatures());
        assertTrue(f.train().stream().allMatch(g -> g.y() == Fold.NORMAL));
        assertEquals(0, hseSet.rowIds()[f.testPositions()[0]]); // testing rows restart at 0

        Fold ppar =
                Splits.folds(
                                DatasetSources.open("tu:Tox21_PPAR-gamma", Map.of()),
                                Splits.Options.defaults())
                        .get(0);
        assertEquals(7962, ppar.train().size());
        assertEquals(15, ppar.numTestAnomalies());
    }

    @Test
    void badFoldCountsAreRefused() {
        InvalidArgumentException e =
                assertThrows(
                        InvalidArgumentException.class, () -> GlocalkdFolds.folds(mutag, 1, 0L));
        assertTrue(e.getMessage().contains("folds = 1"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> GlocalkdFolds.folds(mutag, 189, 0L));
    }

    @Test
    void unknownNamesListTheDataSetsThatExist() {
        InvalidArgumentException e =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> DatasetSources.open("tu:AIDZ", Map.of()));
        assertTrue(
                e.getMessage().contains("AIDZ")
                        && e.getMessage().contains("AIDS")
                        && e.getMessage().contains("MUTAG")
                        && e.getMessage().contains("Tox21_HSE")
                        && !e.getMessage().contains("HEPGRAPH_DATA"),
                e.getMessage());
    }

    @Test
    void aFolderPathOpensAUsersOwnSetAndABomIsAccepted(@TempDir Path root) {
        Path dir = root.resolve(TuFolder.NAME);
        dir.toFile().mkdirs();
        TuFolder.write(dir);
        TuFolder.put(dir, "graph_labels", "\uFEFF0\n1\n"); // UTF-8 BOM, as Notepad writes it
        Dataset ds = DatasetSources.open("tu:" + dir, Map.of());
        assertArrayEquals(new int[] {0, 1}, ds.labels());
        assertEquals(2, ds.size());
    }

    @Test
    void nanAndOverflowingAttributesAreRefusedNamingFileAndLine(@TempDir Path dir) {
        TuFolder.write(dir);
        TuFolder.put(dir, "node_attributes", "0.5, 1.0\n1.5, NaN\n2.5, 3.0\n3.5, 4.0\n4.5, 5.0\n");
        String nan = TuFolder.refused(dir).getMessage();
        assertTrue(nan.contains("T_node_attributes.txt line 2") && nan.contains("'NaN'"), nan);
        TuFolder.put(dir, "node_attributes", "0.5, 1.0\n1.5, 2.0\n2.5, 1e39\n3.5, 4.0\n4.5, 5.0\n");
        String inf = TuFolder.refused(dir).getMessage();
        assertTrue(inf.contains("line 3") && inf.contains("overflows float32"), inf);
    }

    @Test
    void aSetWithoutNodeFeaturesGetsOneConstantFeature(@TempDir Path dir) {
        TuFolder.write(dir);
        dir.resolve("T_node_labels.txt").toFile().delete();
        dir.resolve("T_node_attributes.txt").toFile().delete();
        TuDataset ds = TuDatasetReader.read(dir, TuFolder.NAME);
        assertEquals(List.of(TuDataset.CONSTANT), ds.nodeFeatureNames());
        assertTrue(ds.constantFeature());
        Graph g = ds.graphs().get(0);
        assertArrayEquals(new float[] {1f, 1f, 1f}, g.x());
    }

    @Test
    void aSingleClassSetIsRefusedWithAClearMessage(@TempDir Path root) {
        Path dir = root.resolve(TuFolder.NAME);
        dir.toFile().mkdirs();
        TuFolder.write(dir);
        TuFolder.put(dir, "graph_labels", "1\n1\n");
        Dataset ds = DatasetSources.open("tu:" + dir, Map.of());
        InvalidArgumentException e =
                assertThrows(
                        InvalidArgumentException.class,
                        () -> Splits.folds(ds, new Splits.Options(2, 0L, null, null)));
        assertTrue(e.getMessage().contains("no normal class"), e.getMessage());
    }

    private static void assertFoldsSound(
            Dataset ds, List<Fold> folds, int k, long seed, int anomalies) {
        int n = ds.size();
        int anomaly = GlocalkdFolds.anomalyLabel(ds.labels());
        int[] foldOf = KFold.assignFolds(ds.labels(), k, seed);
        assertEquals(k, folds.size());
        int tested = 0;
        int testedAnomalies = 0;
        for (Fold fold : folds) {
            // Every graph lies in exactly one fold (foldOf), so matching each fold's lists to
            // foldOf, in file order, shows that the folds are disjoint and cover every graph.
            List<Graph> test = new ArrayList<>();
            List<Graph> train = new ArrayList<>();
            for (int g = 0; g < n; g++) {
                boolean isAnomaly = ds.labels()[g] == anomaly;
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
            assertTrue(fold.train().stream().allMatch(g -> g.y() == Fold.NORMAL));
        }
        assertEquals(n, tested);
        assertEquals(anomalies, testedAnomalies);
    }

    private static int count(int[] values, int v) {
        return (int) Arrays.stream(values).filter(x -> x == v).count();
    }
}
