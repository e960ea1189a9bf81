package org.hepgraph.train;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;

/**
 * Turns a chunk of training graphs into what one step of an {@link Objective} consumes: a single
 * batch ({@link #single()}), two augmented views of each graph ({@link #twoViews}), pairs, or
 * anything else a detector needs.
 *
 * @param <B> the item type handed to {@link Objective#lossPerGraph}
 */
@FunctionalInterface
public interface BatchSource<B> {

    /**
     * The step input for {@code graphs}, built in {@code scope} (closed after the step).
     *
     * @param random the loop's seeded random source (augmentations draw from it, so runs repeat)
     */
    B batch(NDManager scope, List<Graph> graphs, Random random);

    /** One {@link GraphBatch} of the graphs as they are. */
    static BatchSource<GraphBatch> single() {
        return (scope, graphs, random) -> GraphBatch.of(scope, graphs);
    }

    /**
     * Two independently augmented views of every graph (GraphCL, SimCLR): {@code augmentation} is
     * applied twice to each graph; view {@code i} of the first batch and of the second come from
     * the same graph.
     */
    static BatchSource<Views> twoViews(Augmentation augmentation) {
        return (scope, graphs, random) -> {
            List<Graph> first = new ArrayList<>(graphs.size());
            List<Graph> second = new ArrayList<>(graphs.size());
            for (Graph g : graphs) {
                first.add(augmentation.apply(g, random));
                second.add(augmentation.apply(g, random));
            }
            return new Views(GraphBatch.of(scope, first), GraphBatch.of(scope, second));
        };
    }

    /** A random transformation of one graph (node dropping, edge perturbation, masking...). */
    @FunctionalInterface
    interface Augmentation {
        Graph apply(Graph graph, Random random);
    }

    /** Two views of the same graphs, aligned by index. */
    record Views(GraphBatch first, GraphBatch second) {}
}
