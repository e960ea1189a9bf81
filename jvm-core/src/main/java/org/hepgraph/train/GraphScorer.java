package org.hepgraph.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.hepgraph.HepgraphException.InvalidGraphException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;

/**
 * Scores a batch: one anomaly score per graph, higher = more anomalous. Separate from the training
 * loss of an {@link Objective} (for OCGIN and the autoencoder they coincide; for a contrastive
 * encoder the score is a distance to training embeddings).
 */
@FunctionalInterface
public interface GraphScorer {

    /** Scores {@code [B]} of the graphs of {@code batch}, computed without training behaviour. */
    NDArray scorePerGraph(GraphBatch batch);

    /**
     * Scores every graph in batches of {@code batchSize}, each batch in its own sub-manager of
     * {@code manager} (freed before the next). Every graph is validated first; a bad one is named
     * by its index.
     *
     * @param who names the caller in error messages, e.g. {@code "ocgin.score"}
     */
    static float[] scoreAll(
            NDManager manager, GraphScorer scorer, List<Graph> graphs, int batchSize, String who) {
        if (graphs.isEmpty()) {
            throw new InvalidGraphException(who + ": no graphs to score");
        }
        for (int i = 0; i < graphs.size(); i++) {
            graphs.get(i).validate(who + ": graph " + i);
        }
        float[] scores = new float[graphs.size()];
        for (int from = 0; from < graphs.size(); from += batchSize) {
            int to = Math.min(graphs.size(), from + batchSize);
            try (NDManager scope = manager.newSubManager()) {
                GraphBatch batch = GraphBatch.of(scope, graphs.subList(from, to));
                float[] s = scorer.scorePerGraph(batch).toFloatArray();
                System.arraycopy(s, 0, scores, from, s.length);
            }
        }
        return scores;
    }
}
