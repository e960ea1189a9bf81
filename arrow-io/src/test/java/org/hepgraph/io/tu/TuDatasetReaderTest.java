package org.hepgraph.io.tu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphSet;
import org.hepgraph.io.DataPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuDatasetReaderTest {

    @Test
    void readsAidsWithTheCountsOfProvenance() {
        TuDataset ds = TuDatasetReader.read("AIDS");
        assertEquals(2000, ds.numGraphs());
        assertEquals(31385, ds.numNodes());
        assertEquals(64780, ds.numEdges());
        assertEquals(38 + 4, ds.numNodeFeatures()); // node labels 0..37, then 4 attributes
        assertEquals(3, ds.numEdgeFeatures());
        assertEquals("label=0", ds.nodeFeatureNames().get(0));
        assertEquals("attr3", ds.nodeFeatureNames().get(41));
        assertArrayEquals(new int[] {0, 1}, ds.classes());
        Graph first = ds.graphs().get(0);
        assertEquals(47, first.numNodes());
        assertEquals(106, first.numEdges());
        assertEquals(
                "Graph(x=[47, 42], edgeIndex=[2, 106], edgeAttr=[106, 3], y=0)", first.toString());
        float[] x = first.x(); // node 1: label 0, attributes 1.0, 0.0, 9.7767, -3.549
        assertEquals(1f, x[0]);
        assertEquals(9.776700019836426f, x[38 + 2]);
        assertEquals(-3.5490000247955322f, x[38 + 3]);
        for (Graph g : ds.graphs()) {
            g.validate();
        }
    }

    @Test
    void loadingASetAllocatesEachFieldOnceAtItsExactSize() {
        GraphSet set = TuDatasetReader.read("AIDS").graphs();
        assertTrue(set.isCompact());
        assertTrue(set.get(1999).isView());
        // One buffer per field, of exactly the data's size: no per-graph arrays, no slack.
        assertEquals(31385L * 42 * 4, MemorySegment.ofBuffer(set.xView()).byteSize());
        assertEquals(64780L * 2 * 8, MemorySegment.ofBuffer(set.edgeIndexView()).byteSize());
        assertEquals(64780L * 3 * 4, MemorySegment.ofBuffer(set.edgeAttrView()).byteSize());
        assertEquals(2001L * 8, MemorySegment.ofBuffer(set.nodePtrView()).byteSize());
        long x0 = MemorySegment.ofBuffer(set.xView()).address();
        assertEquals(
                x0 + 4L * set.nodePtrView().get(1999) * 42,
                MemorySegment.ofBuffer(set.get(1999).xView()).address());
    }

    @Test
    void nonFiniteAttributesAreRefusedAsData(@TempDir Path dir) {
        TuFolder.write(dir);
        TuFolder.put(dir, "node_attributes", "0.5, 1.0\n1.5, 2.0\n2.5, 3.0\n3.5, 1e39\n4.5, 5.0\n");
        DataFormatException e = TuFolder.refused(dir);
        // Refused as data, naming the folder and the value (by the parser or by the set's check).
        assertMessage(e, dir.toString(), "Infinity");
    }

    @Test
    void readsMutagWithRawLabelsMinusOneAndOne() {
        TuDataset ds = TuDatasetReader.read("MUTAG");
        assertEquals(188, ds.numGraphs());
        assertEquals(3371, ds.numNodes());
        assertEquals(7442, ds.numEdges());
        assertArrayEquals(new int[] {-1, 1}, ds.classes());
        assertEquals(7, ds.numNodeFeatures());
        assertEquals(4, ds.numEdgeFeatures());
        for (int g = 0; g < ds.numGraphs(); g++) {
            assertEquals(ds.rawLabels()[g], ds.classes()[ds.graphs().get(g).y()]);
        }
    }

    @Test
    void readsTheLargestSetsCompletely() {
        TuDataset nci1 = TuDatasetReader.read("NCI1");
        assertEquals(4110, nci1.numGraphs());
        assertEquals(122747, nci1.numNodes());
        assertEquals(265506, nci1.numEdges());
        TuDataset enzymes = TuDatasetReader.read("ENZYMES");
        assertEquals(3 + 18, enzymes.numNodeFeatures());
        assertEquals(19580, enzymes.numNodes());
    }

    @Test
    void tox21TrainingAndTestingShareOneEncoding() {
        String tr = "Tox21_HSE_training";
        String te = "Tox21_HSE_testing";
        Path trDir = DataPaths.tuDataset(tr);
        Path teDir = DataPaths.tuDataset(te);
        TuVocabulary own = TuDatasetReader.vocabulary(teDir, te);
        TuVocabulary shared = TuDatasetReader.vocabulary(trDir, tr).union(own);
        assertEquals(15, own.numNodeLabels());
        assertEquals(49, shared.numNodeLabels());
        TuDataset training = TuDatasetReader.read(trDir, tr, shared);
        TuDataset testing = TuDatasetReader.read(teDir, te, shared);
        assertEquals(8150, training.numGraphs());
        assertEquals(267, testing.numGraphs());
        assertEquals(training.nodeFeatureNames(), testing.nodeFeatureNames());
        assertEquals(training.edgeFeatureNames(), testing.edgeFeatureNames());
        DataFormatException e =
                assertThrows(DataFormatException.class, () -> TuDatasetReader.read(trDir, tr, own));
        assertMessage(e, tr + "_node_labels.txt", "not in the vocabulary", "union");
    }

    @Test
    void buildsOneHotFeaturesAndLocalEdgesOnASmallSet(@TempDir Path dir) {
        TuDataset ds = TuDatasetReader.read(TuFolder.write(dir), TuFolder.NAME);
        assertEquals(
                List.of("label=0", "label=2", "label=5", "attr0", "attr1"), ds.nodeFeatureNames());
        assertEquals(List.of("label=0", "label=1"), ds.edgeFeatureNames());
        Graph second = ds.graphs().get(1);
        assertArrayEquals(new float[] {0, 0, 1, 3.5f, 4f, 1, 0, 0, 4.5f, 5f}, second.x());
        assertArrayEquals(new long[] {0, 1, 1, 0}, second.edgeIndex());
        assertArrayEquals(new float[] {0, 1, 0, 1}, second.edgeAttr());
        assertEquals(1, second.y());
    }

    @Test
    void edgesMayComeInAnyGraphOrder(@TempDir Path dir) {
        TuFolder.write(dir);
        TuFolder.put(dir, "A", "4, 5\n1, 2\n2, 1\n5, 4\n2, 3\n3, 2\n");
        TuDataset ds = TuDatasetReader.read(dir, TuFolder.NAME);
        assertArrayEquals(new long[] {0, 1, 1, 2, 1, 0, 2, 1}, ds.graphs().get(0).edgeIndex());
        assertArrayEquals(new long[] {0, 1, 1, 0}, ds.graphs().get(1).edgeIndex());
    }

    @Test
    void missingRequiredFileIsNamed(@TempDir Path dir) throws IOException {
        Files.delete(TuFolder.write(dir).resolve("T_graph_labels.txt"));
        DataFormatException e = TuFolder.refused(dir);
        assertMessage(e, "T_graph_labels.txt", "missing");
    }

    @Test
    void lineCountsThatDisagreeNameBothFiles(@TempDir Path dir) {
        TuFolder.write(dir);
        TuFolder.put(dir, "node_labels", "2\n0\n2\n5\n");
        DataFormatException e = TuFolder.refused(dir);
        assertMessage(e, "T_node_labels.txt", "has 4 lines", "T_graph_indicator.txt", "line 5");

        TuFolder.write(dir);
        TuFolder.put(dir, "edge_labels", "1\n1\n0\n0\n1\n1\n0\n");
        e = TuFolder.refused(dir);
        assertMessage(e, "T_edge_labels.txt", "has 7 lines", "T_A.txt");

        TuFolder.write(dir);
        TuFolder.put(dir, "graph_labels", "0\n");
        e = TuFolder.refused(dir);
        assertMessage(e, "T_graph_labels.txt", "has 1 lines", "implies 2");
    }

    @Test
    void truncatedAFileIsReportedNotThrownAsIndexError(@TempDir Path dir) {
        TuFolder.write(dir);
        TuFolder.put(dir, "A", "1, 2\n2, 1\n2, 3\n3, 2\n4, 5\n5");
        DataFormatException e = TuFolder.refused(dir);
        assertMessage(e, "T_A.txt", "line 6", "found 1 value(s)", "truncated");

        TuFolder.put(dir, "A", "1, 2\n2, 1\n2, 3\n3, 2\n4, ");
        e = TuFolder.refused(dir);
        assertMessage(e, "T_A.txt", "line 5", "'' is not an integer");

        TuFolder.put(dir, "A", "1, 2\n2, 1\n2, 3\n");
        e = TuFolder.refused(dir);
        assertMessage(e, "T_edge_labels.txt", "has 6 lines", "T_A.txt implies 3");
    }

    @Test
    void nodeIdOutOfRangeIsNamed(@TempDir Path dir) {
        TuFolder.write(dir);
        TuFolder.put(dir, "A", "1, 2\n2, 1\n2, 3\n3, 2\n4, 6\n5, 4\n");
        DataFormatException e = TuFolder.refused(dir);
        assertMessage(e, "T_A.txt", "line 5", "node id 6 is out of range", "[1, 5]");
        TuFolder.put(dir, "A", "0, 2\n2, 1\n2, 3\n3, 2\n4, 5\n5, 4\n");
        e = TuFolder.refused(dir);
        assertMessage(e, "T_A.txt", "line 1", "node id 0");
    }

    @Test
    void edgeAcrossGraphsIsNamed(@TempDir Path dir) {
        TuFolder.write(dir);
        TuFolder.put(dir, "A", "1, 2\n2, 1\n2, 3\n3, 4\n4, 5\n5, 4\n");
        DataFormatException e = TuFolder.refused(dir);
        assertMessage(e, "T_A.txt", "line 4", "node 3 of graph 1 to node 4 of graph 2");
    }

    @Test
    void garbageTokenIsNamed(@TempDir Path dir) {
        TuFolder.write(dir);
        TuFolder.put(dir, "node_labels", "2\n0\nC\n5\n0\n");
        DataFormatException e = TuFolder.refused(dir);
        assertMessage(e, "T_node_labels.txt", "line 3", "'C' is not an integer");
        TuFolder.write(dir);
        TuFolder.put(dir, "node_attributes", "0.5, 1.0\n1.5, 2.0\n2.5, x\n3.5, 4.0\n4.5, 5.0\n");
        e = TuFolder.refused(dir);
        assertMessage(e, "T_node_attributes.txt", "line 3", "'x' is not a decimal number");
    }

    @Test
    void graphIdsMustBeContiguousAndAscending(@TempDir Path dir) {
        TuFolder.write(dir);
        TuFolder.put(dir, "graph_indicator", "1\n1\n1\n3\n3\n");
        DataFormatException e = TuFolder.refused(dir);
        assertMessage(e, "T_graph_indicator.txt", "line 4", "graph id 3 follows graph id 1");
        TuFolder.put(dir, "graph_indicator", "1\n2\n3\n4\n1\n");
        e = TuFolder.refused(dir);
        assertMessage(e, "T_graph_indicator.txt", "line 5", "graph id 1 follows graph id 4");
    }

    @Test
    void windowsLineEndsAndTrailingBlankLinesAreAccepted(@TempDir Path dir) {
        TuFolder.write(dir);
        TuFolder.put(dir, "graph_labels", "0\r\n1\r\n\r\n\n");
        assertEquals(2, TuDatasetReader.read(dir, "T").numGraphs());
    }

    static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        }
    }
}
