package org.hepgraph.transforms.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.hepgraph.data.Graph;

/**
 * A random, label-preserving perturbation of one graph, used to make the "views" of contrastive
 * learning (You et al., "Graph Contrastive Learning with Augmentations", NeurIPS 2020).
 *
 * <p>Augmentations work on host arrays ({@link Graph}), before batching, so they cost one pass over
 * a graph's arrays and no native memory. They are deterministic: the same graph and the same random
 * generator state give the same result. {@link #apply(List, long)} derives one generator per graph
 * from the seed and the graph's index, so graph {@code i}'s view does not depend on how many graphs
 * come before it in a batch.
 *
 * <p>The method {@link #apply(Graph, Random)} has the shape of {@code
 * org.hepgraph.train.BatchSource.Augmentation}, so {@code BatchSource.twoViews(aug::apply)} makes
 * the two views of a contrastive training step.
 *
 * <p>Every augmentation returns a new graph with the same label {@code y}; it never returns an
 * empty graph (at least one node is kept).
 */
public interface GraphAugmentation {

    /** A perturbed copy of {@code graph}, drawing its randomness from {@code random}. */
    Graph apply(Graph graph, Random random);

    /**
     * Augments every graph; graph {@code i} draws from a generator seeded by {@code (seed, i)}.
     *
     * @return a new list of the same size, in the same order
     */
    default List<Graph> apply(List<Graph> graphs, long seed) {
        List<Graph> out = new ArrayList<>(graphs.size());
        for (int i = 0; i < graphs.size(); i++) {
            out.add(apply(graphs.get(i), generator(seed, i)));
        }
        return out;
    }

    /** Applies {@code steps} one after another, all drawing from the same generator. */
    static GraphAugmentation compose(GraphAugmentation... steps) {
        GraphAugmentation[] copy = steps.clone();
        for (GraphAugmentation s : copy) {
            Objects.requireNonNull(s, "GraphAugmentation.compose: a step is null");
        }
        return (graph, random) -> {
            Graph g = graph;
            for (GraphAugmentation s : copy) {
                g = s.apply(g, random);
            }
            return g;
        };
    }

    /** The generator of graph {@code index} under {@code seed}. */
    static Random generator(long seed, long index) {
        // Random's own seed scrambling is weak for nearby seeds; a golden-ratio multiply spreads
        // (seed, index) pairs apart first.
        return new Random(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L);
    }
}
