package org.hepgraph.experiments;

import java.util.Arrays;
import java.util.Objects;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphSet;

/**
 * One train/test split of a {@link org.hepgraph.datasets.Dataset}.
 *
 * <p>{@code train} holds the normal graphs a detector learns from, {@code y = 0} (or {@code -1}
 * when the data set has no labels); {@code test} holds the graphs to score, {@code y = 1} anomaly,
 * {@code 0} normal, {@code -1} unknown. Positions index the data set's {@code graphs}, so that row
 * ids, raw labels and id columns can be looked up for each scored graph.
 *
 * @param index the fold number, from 0
 * @param train the training graphs (a relabelled view of the data set's graphs)
 * @param test the graphs to score (a relabelled view as well)
 * @param trainPositions {@code [train.size()]} positions in the data set
 * @param testPositions {@code [test.size()]} positions in the data set
 */
public record Fold(
        int index, GraphSet train, GraphSet test, int[] trainPositions, int[] testPositions) {

    /** Label of an anomalous graph in {@code test}. */
    public static final int ANOMALY = 1;

    /** Label of a normal graph. */
    public static final int NORMAL = 0;

    public Fold {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(trainPositions, "trainPositions");
        Objects.requireNonNull(testPositions, "testPositions");
        if (trainPositions.length != train.size() || testPositions.length != test.size()) {
            throw new IllegalArgumentException("Fold: one position per graph");
        }
    }

    /** Number of anomalies in {@code test}. */
    public int numTestAnomalies() {
        return (int) test.stream().filter(g -> g.y() == ANOMALY).count();
    }

    /** Whether every test graph has a 0/1 label, so that an ROC can be drawn. */
    public boolean labelled() {
        return !test.isEmpty() && test.stream().allMatch(g -> g.y() == 0 || g.y() == 1);
    }

    /** The test labels, {@code [test.size()]}. */
    public int[] testLabels() {
        return test.stream().mapToInt(Graph::y).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fold f
                && index == f.index
                && train.equals(f.train)
                && test.equals(f.test)
                && Arrays.equals(trainPositions, f.trainPositions)
                && Arrays.equals(testPositions, f.testPositions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, train, test);
    }

    @Override
    public String toString() {
        return String.format(
                "Fold(%d, train=%d, test=%d, anomalies=%d)",
                index, train.size(), test.size(), numTestAnomalies());
    }
}
