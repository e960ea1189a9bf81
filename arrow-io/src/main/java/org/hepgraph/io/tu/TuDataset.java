package org.hepgraph.io.tu;

import java.util.List;
import java.util.Objects;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphSet;

/**
 * A TU data set read into one {@link GraphSet} (columnar, allocated once; {@code graphs().get(g)}
 * is a view).
 *
 * <p>Graph {@code g} has {@code x [n_g, L + A]}: the one-hot node label over {@code vocabulary}'s L
 * node labels, then the A node attributes; {@code edgeAttr [e_g, D]}: the one-hot edge label over D
 * edge labels (D = 0 without an edge label file); {@code edgeIndex [2, e_g]} in local node ids, one
 * column per line of {@code NAME_A.txt} (so each undirected bond appears twice).
 *
 * <p>{@code y} of graph {@code g} is the index of its raw label in {@code classes} (the sorted
 * distinct raw labels): raw labels can be {@code -1} (MUTAG), which {@link Graph} reserves for
 * "unknown". {@code rawLabels[g] == classes[graphs.get(g).y()]}.
 *
 * <p>Arrays are held as given: treat them as read-only.
 *
 * @param name the data set name, e.g. {@code AIDS}
 * @param graphs the graphs in file order
 * @param rawLabels {@code [G]} the raw values of {@code NAME_graph_labels.txt}
 * @param classes the distinct raw labels, ascending
 * @param vocabulary the node and edge labels behind the one-hot columns
 * @param nodeFeatureNames the {@code L + A} names of the node feature columns ({@code label=3},
 *     {@code attr0}, ...)
 * @param edgeFeatureNames the {@code D} names of the edge feature columns
 */
public record TuDataset(
        String name,
        GraphSet graphs,
        int[] rawLabels,
        int[] classes,
        TuVocabulary vocabulary,
        List<String> nodeFeatureNames,
        List<String> edgeFeatureNames) {

    /** The name of the single constant node feature of a set without node labels or attributes. */
    public static final String CONSTANT = "constant";

    public TuDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(graphs, "graphs");
        Objects.requireNonNull(rawLabels, "rawLabels");
        Objects.requireNonNull(classes, "classes");
        Objects.requireNonNull(vocabulary, "vocabulary");
        nodeFeatureNames = List.copyOf(nodeFeatureNames);
        edgeFeatureNames = List.copyOf(edgeFeatureNames);
    }

    public int numGraphs() {
        return graphs.size();
    }

    /** Total number of nodes over all graphs. */
    public long numNodes() {
        return graphs.totalNodes();
    }

    /** Total number of edge entries (lines of {@code NAME_A.txt}) over all graphs. */
    public long numEdges() {
        return graphs.totalEdges();
    }

    /** Width of {@code x}: one-hot node labels plus node attributes. */
    public int numNodeFeatures() {
        return nodeFeatureNames.size();
    }

    /** Whether the set has no node labels or attributes, so {@code x} is the constant 1. */
    public boolean constantFeature() {
        return nodeFeatureNames.equals(List.of(CONSTANT));
    }

    /** Width of {@code edgeAttr}: one-hot edge labels. */
    public int numEdgeFeatures() {
        return edgeFeatureNames.size();
    }

    @Override
    public String toString() {
        return String.format(
                "TuDataset(%s, graphs=%d, nodes=%d, edges=%d, x=[*, %d], edgeAttr=[*, %d], classes=%s)",
                name,
                numGraphs(),
                numNodes(),
                numEdges(),
                numNodeFeatures(),
                numEdgeFeatures(),
                java.util.Arrays.toString(classes));
    }
}
