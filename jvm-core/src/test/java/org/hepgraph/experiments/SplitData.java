package org.hepgraph.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphSet;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.datasets.GraphRecipe;

/** Small data sets whose graph {@code i} has one node with feature {@code i}. */
final class SplitData {

    private SplitData() {}

    static Dataset of(int[] labels, int n) {
        List<Graph> graphs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            graphs.add(Graph.builder(1, 1, new float[] {i}).build());
        }
        return new Dataset(
                "test:" + n,
                GraphSet.copyOf(graphs),
                IntStream.range(0, n).asLongStream().map(r -> 100 + r).toArray(),
                labels,
                Map.of("event", IntStream.range(0, n).asLongStream().map(r -> 7 * r).toArray()),
                new GraphRecipe("test", "test:" + n, 0, "x", List.of("x")),
                Dataset.Protocol.TRAIN_TEST,
                null);
    }

    /** The feature of each graph, i.e. its position in the data set. */
    static int[] ids(List<Graph> graphs) {
        return graphs.stream().mapToInt(g -> (int) g.x()[0]).toArray();
    }
}
