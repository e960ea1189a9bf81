package org.hepgraph.io.tu;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphSet;
import org.hepgraph.data.GraphSetLayout;
import org.hepgraph.data.GraphSetWriter;
import org.hepgraph.io.DataPaths;

/**
 * Reads a data set in the TUDataset text format (Morris et al., arXiv:2007.08663) into one {@link
 * GraphSet} of {@link Graph}s, each field allocated once at its exact size.
 *
 * <p>Files in the folder, for data set {@code NAME} (1-based ids, comma separated):
 *
 * <ul>
 *   <li>{@code NAME_A.txt} (required): m lines {@code src, dst}, global node ids
 *   <li>{@code NAME_graph_indicator.txt} (required): n lines, the graph id of each node; ids start
 *       at 1 and never decrease or skip
 *   <li>{@code NAME_graph_labels.txt} (required): one raw label per graph
 *   <li>{@code NAME_node_labels.txt}, {@code NAME_node_attributes.txt}, {@code
 *       NAME_edge_labels.txt} (optional): n, n and m lines
 * </ul>
 *
 * <p>The result is described in {@link TuDataset}: {@code x [n_g, L + A]} = one-hot node label then
 * node attributes (a set with neither gets one constant feature {@code x = 1} per node, named
 * {@value TuDataset#CONSTANT}, so that detectors see its structure alone), {@code edgeAttr [e_g,
 * D]} = one-hot edge label. By default the one-hot columns are the sorted distinct labels of the
 * files themselves; pass a {@link TuVocabulary} to share an encoding between files. Any
 * inconsistency (missing file, line counts that disagree, a non-numeric token, a node id out of
 * range, an edge joining two graphs, graph ids out of order, a label outside the vocabulary) fails
 * with a {@link DataFormatException} that names the file, the line, the value and the fix.
 */
public final class TuDatasetReader {

    private TuDatasetReader() {}

    /** Reads data set {@code name} from {@link DataPaths#tuDataset(String)}. */
    public static TuDataset read(String name) {
        return read(DataPaths.tuDataset(name), name);
    }

    /** Reads data set {@code name} from {@code dir}, one-hot encoding its own labels. */
    public static TuDataset read(Path dir, String name) {
        return read(dir, name, null);
    }

    /**
     * Reads data set {@code name} from {@code dir}, one-hot encoding labels over {@code vocabulary}
     * (or over the file's own labels when {@code null}).
     */
    public static TuDataset read(Path dir, String name, TuVocabulary vocabulary) {
        TuTextFile indicatorFile = TuTextFile.required(dir, name, "graph_indicator");
        int[] graphOf = indicatorFile.ints(1);
        int n = graphOf.length;
        int[] start = graphStarts(indicatorFile, graphOf);
        int numGraphs = start.length - 1;

        TuTextFile labelFile = TuTextFile.required(dir, name, "graph_labels");
        int[] raw = labelFile.ints(1);
        checkCount(labelFile, raw.length, numGraphs, "graph", indicatorFile);

        TuTextFile edgeFile = TuTextFile.required(dir, name, "A");
        int[] a = edgeFile.ints(2);
        int m = a.length / 2;
        checkEdges(edgeFile, a, graphOf);

        TuTextFile nodeLabelFile = TuTextFile.optional(dir, name, "node_labels");
        int[] nodeLabels = nodeLabelFile == null ? null : nodeLabelFile.ints(1);
        if (nodeLabelFile != null) {
            checkCount(nodeLabelFile, nodeLabels.length, n, "node", indicatorFile);
        }
        TuTextFile attrFile = TuTextFile.optional(dir, name, "node_attributes");
        TuTextFile.FloatTable attrs = attrFile == null ? null : attrFile.floats();
        if (attrFile != null) {
            checkCount(attrFile, attrs.rows(), n, "node", indicatorFile);
        }
        boolean constant = nodeLabelFile == null && attrs == null;
        if (constant) {
            float[] ones = new float[n];
            Arrays.fill(ones, 1f);
            attrs = new TuTextFile.FloatTable(n, 1, ones);
        }
        TuTextFile edgeLabelFile = TuTextFile.optional(dir, name, "edge_labels");
        int[] edgeLabels = edgeLabelFile == null ? null : edgeLabelFile.ints(1);
        if (edgeLabelFile != null) {
            checkCount(edgeLabelFile, edgeLabels.length, m, "edge", edgeFile);
        }

        TuVocabulary vocab =
                vocabulary != null
                        ? vocabulary
                        : TuVocabulary.of(orEmpty(nodeLabels), orEmpty(edgeLabels));
        int[] nodeCol = columns(nodeLabelFile, nodeLabels, vocab, true);
        int[] edgeCol = columns(edgeLabelFile, edgeLabels, vocab, false);
        int[] classes = TuVocabulary.distinctSorted(raw);

        int numAttrs = attrs == null ? 0 : attrs.cols();
        List<String> nodeNames = new ArrayList<>();
        for (int v : vocab.nodeLabels()) {
            nodeNames.add("label=" + v);
        }
        for (int j = 0; j < numAttrs; j++) {
            nodeNames.add(constant ? TuDataset.CONSTANT : "attr" + j);
        }
        List<String> edgeNames = new ArrayList<>();
        for (int v : vocab.edgeLabels()) {
            edgeNames.add("label=" + v);
        }

        int[] labels = new int[numGraphs];
        for (int g = 0; g < numGraphs; g++) {
            labels[g] = Arrays.binarySearch(classes, raw[g]);
        }
        Assembly asm = new Assembly(start, graphOf, a, nodeCol, attrs, edgeCol, vocab);
        GraphSet graphs;
        try {
            graphs = asm.graphs(labels);
        } catch (InvalidGraphException e) {
            throw new DataFormatException(
                    "TuDatasetReader: data set " + name + " in " + dir + ": " + e.getMessage(), e);
        }
        return new TuDataset(name, graphs, raw, classes, vocab, nodeNames, edgeNames);
    }

    /**
     * The node and edge labels that occur in data set {@code name} in {@code dir}; combine two with
     * {@link TuVocabulary#union} to share one encoding.
     */
    public static TuVocabulary vocabulary(Path dir, String name) {
        TuTextFile nl = TuTextFile.optional(dir, name, "node_labels");
        TuTextFile el = TuTextFile.optional(dir, name, "edge_labels");
        return TuVocabulary.of(
                nl == null ? new int[0] : nl.ints(1), el == null ? new int[0] : el.ints(1));
    }

    /** Node offsets of each graph, {@code [G + 1]}; checks that ids run 1, 2, 3, ... in order. */
    private static int[] graphStarts(TuTextFile file, int[] graphOf) {
        if (graphOf.length == 0) {
            throw file.error(1, "the file is empty", "it needs one graph id per node");
        }
        if (graphOf[0] != 1) {
            throw file.error(
                    1,
                    "the first graph id is " + graphOf[0],
                    "graph ids must start at 1 (ids are 1-based)");
        }
        for (int i = 1; i < graphOf.length; i++) {
            int prev = graphOf[i - 1];
            int id = graphOf[i];
            if (id != prev && id != prev + 1) {
                throw file.error(
                        i + 1,
                        "graph id " + id + " follows graph id " + prev,
                        "node lines must be grouped by graph and graph ids must run 1, 2, 3, ..."
                                + " without gaps or going back");
            }
        }
        int numGraphs = graphOf[graphOf.length - 1];
        int[] start = new int[numGraphs + 1];
        for (int i = 1; i < graphOf.length; i++) {
            if (graphOf[i] != graphOf[i - 1]) {
                start[graphOf[i] - 1] = i;
            }
        }
        start[numGraphs] = graphOf.length;
        return start;
    }

    private static void checkCount(
            TuTextFile file, int found, int expected, String what, TuTextFile reference) {
        if (found == expected) {
            return;
        }
        String missing =
                found < expected
                        ? "so line " + (found + 1) + " and later are missing"
                        : "so line " + (expected + 1) + " and later are extra";
        throw new DataFormatException(
                "TuDatasetReader: "
                        + file.path()
                        + " has "
                        + found
                        + " lines but "
                        + reference.name()
                        + " implies "
                        + expected
                        + " (one line per "
                        + what
                        + "), "
                        + missing
                        + "; one of the files is truncated or from another data set: restore"
                        + " both from the same source");
    }

    private static void checkEdges(TuTextFile file, int[] a, int[] graphOf) {
        int n = graphOf.length;
        for (int e = 0; e < a.length / 2; e++) {
            for (int k = 0; k < 2; k++) {
                int id = a[2 * e + k];
                if (id < 1 || id > n) {
                    throw file.error(
                            e + 1,
                            "node id " + id + " is out of range",
                            "node ids are 1-based and the graph indicator lists "
                                    + n
                                    + " nodes, so ids must lie in [1, "
                                    + n
                                    + "]");
                }
            }
            int s = a[2 * e];
            int t = a[2 * e + 1];
            if (graphOf[s - 1] != graphOf[t - 1]) {
                throw file.error(
                        e + 1,
                        "edge "
                                + s
                                + ", "
                                + t
                                + " joins node "
                                + s
                                + " of graph "
                                + graphOf[s - 1]
                                + " to node "
                                + t
                                + " of graph "
                                + graphOf[t - 1],
                        "an edge must join two nodes of the same graph; the A file and the graph"
                                + " indicator disagree");
            }
        }
    }

    /** One-hot column per line; fails on a label outside the vocabulary. */
    private static int[] columns(TuTextFile file, int[] labels, TuVocabulary vocab, boolean nodes) {
        int size = nodes ? vocab.numNodeLabels() : vocab.numEdgeLabels();
        String kind = nodes ? "node" : "edge";
        if (labels == null) {
            if (size > 0) {
                throw new DataFormatException(
                        "TuDatasetReader: the vocabulary has "
                                + size
                                + " "
                                + kind
                                + " labels but the data set has no "
                                + kind
                                + "_labels file; pass a vocabulary without "
                                + kind
                                + " labels");
            }
            return null;
        }
        int[] col = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            col[i] = nodes ? vocab.nodeColumn(labels[i]) : vocab.edgeColumn(labels[i]);
            if (col[i] < 0) {
                throw file.error(
                        i + 1,
                        kind + " label " + labels[i] + " is not in the vocabulary " + vocab,
                        "build the vocabulary from every file that shares the encoding"
                                + " (TuDatasetReader.vocabulary(...).union(...))");
            }
        }
        return col;
    }

    private static int[] orEmpty(int[] a) {
        return a == null ? new int[0] : a;
    }

    /** Writes the global arrays into one {@link GraphSet}, graph after graph. */
    private static final class Assembly {
        private final int[] start;
        private final int[] a;
        private final int[] nodeCol;
        private final TuTextFile.FloatTable attrs;
        private final int[] edgeCol;
        private final int numLabels;
        private final int numFeatures;
        private final int edgeDim;
        private final int[] edgeStart; // edges grouped by graph: edgeOrder[edgeStart[g] ..]
        private final int[] edgeOrder;

        Assembly(
                int[] start,
                int[] graphOf,
                int[] a,
                int[] nodeCol,
                TuTextFile.FloatTable attrs,
                int[] edgeCol,
                TuVocabulary vocab) {
            this.start = start;
            this.a = a;
            this.nodeCol = nodeCol;
            this.attrs = attrs;
            this.edgeCol = edgeCol;
            this.numLabels = nodeCol == null ? 0 : vocab.numNodeLabels();
            this.numFeatures = numLabels + (attrs == null ? 0 : attrs.cols());
            this.edgeDim = edgeCol == null ? 0 : vocab.numEdgeLabels();
            int numGraphs = start.length - 1;
            int m = a.length / 2;
            edgeStart = new int[numGraphs + 1];
            for (int e = 0; e < m; e++) {
                edgeStart[graphOf[a[2 * e] - 1]]++; // graph ids are 1-based: counts land at g + 1
            }
            for (int g = 0; g < numGraphs; g++) {
                edgeStart[g + 1] += edgeStart[g];
            }
            edgeOrder = new int[m];
            int[] fill = Arrays.copyOf(edgeStart, numGraphs);
            for (int e = 0; e < m; e++) {
                edgeOrder[fill[graphOf[a[2 * e] - 1] - 1]++] = e;
            }
        }

        /** Every graph, written once into buffers of the exact size. */
        GraphSet graphs(int[] labels) {
            int numGraphs = start.length - 1;
            int n = start[numGraphs];
            int m = a.length / 2;
            GraphSetWriter w =
                    GraphSet.allocate(
                            GraphSetLayout.of(numGraphs, n, m, numFeatures).withEdgeDim(edgeDim));
            LongBuffer nodePtr = w.nodePtr();
            LongBuffer edgePtr = w.edgePtr();
            LongBuffer y = w.y();
            for (int g = 0; g <= numGraphs; g++) {
                nodePtr.put(g, start[g]);
                edgePtr.put(g, edgeStart[g]);
                if (g < numGraphs) {
                    y.put(g, labels[g]);
                }
            }
            FloatBuffer x = w.x();
            for (int i = 0; i < n; i++) {
                if (nodeCol != null) {
                    x.put(i * numFeatures + nodeCol[i], 1f);
                }
                if (attrs != null) {
                    x.put(
                            i * numFeatures + numLabels,
                            attrs.values(),
                            i * attrs.cols(),
                            attrs.cols());
                }
            }
            LongBuffer index = w.edgeIndex();
            FloatBuffer edgeAttr = edgeDim > 0 ? w.edgeAttr() : null;
            for (int g = 0; g < numGraphs; g++) {
                for (int k = edgeStart[g]; k < edgeStart[g + 1]; k++) {
                    int e = edgeOrder[k];
                    index.put(k, a[2 * e] - 1 - start[g]);
                    index.put(m + k, a[2 * e + 1] - 1 - start[g]);
                    if (edgeAttr != null) {
                        edgeAttr.put(k * edgeDim + edgeCol[e], 1f);
                    }
                }
            }
            return w.finish();
        }
    }
}
