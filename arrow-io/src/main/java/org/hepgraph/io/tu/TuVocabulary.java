package org.hepgraph.io.tu;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The node and edge label values that a TU data set one-hot encodes, each sorted ascending.
 *
 * <p>Column {@code j} of the node one-hot block stands for {@code nodeLabels()[j]}; the same holds
 * for edges. Pass one vocabulary to {@link TuDatasetReader#read(java.nio.file.Path, String,
 * TuVocabulary)} for files that must share an encoding, e.g. Tox21 training and testing: build it
 * with {@link TuDatasetReader#vocabulary} on each and {@link #union}.
 */
public final class TuVocabulary {

    private final int[] nodeLabels;
    private final int[] edgeLabels;

    private TuVocabulary(int[] nodeLabels, int[] edgeLabels) {
        this.nodeLabels = nodeLabels;
        this.edgeLabels = edgeLabels;
    }

    /** A vocabulary of the distinct values of {@code nodeLabels} and {@code edgeLabels}. */
    public static TuVocabulary of(int[] nodeLabels, int[] edgeLabels) {
        return new TuVocabulary(distinctSorted(nodeLabels), distinctSorted(edgeLabels));
    }

    /** The labels of both vocabularies, sorted. */
    public TuVocabulary union(TuVocabulary other) {
        return new TuVocabulary(
                distinctSorted(concat(nodeLabels, other.nodeLabels)),
                distinctSorted(concat(edgeLabels, other.edgeLabels)));
    }

    /** The node label values, ascending (a copy). */
    public int[] nodeLabels() {
        return nodeLabels.clone();
    }

    /** The edge label values, ascending (a copy). */
    public int[] edgeLabels() {
        return edgeLabels.clone();
    }

    public int numNodeLabels() {
        return nodeLabels.length;
    }

    public int numEdgeLabels() {
        return edgeLabels.length;
    }

    /**
     * The one-hot column of node label {@code value}, or {@code -1} if it is not in the vocabulary.
     */
    public int nodeColumn(int value) {
        int i = Arrays.binarySearch(nodeLabels, value);
        return i >= 0 ? i : -1;
    }

    /**
     * The one-hot column of edge label {@code value}, or {@code -1} if it is not in the vocabulary.
     */
    public int edgeColumn(int value) {
        int i = Arrays.binarySearch(edgeLabels, value);
        return i >= 0 ? i : -1;
    }

    static int[] distinctSorted(int[] values) {
        return IntStream.of(values).distinct().sorted().toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TuVocabulary v
                && Arrays.equals(nodeLabels, v.nodeLabels)
                && Arrays.equals(edgeLabels, v.edgeLabels);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(nodeLabels) + Arrays.hashCode(edgeLabels);
    }

    @Override
    public String toString() {
        return "TuVocabulary(nodeLabels="
                + Arrays.toString(nodeLabels)
                + ", edgeLabels="
                + Arrays.toString(edgeLabels)
                + ")";
    }
}
