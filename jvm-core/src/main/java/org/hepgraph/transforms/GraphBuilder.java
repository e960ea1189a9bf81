package org.hepgraph.transforms;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.data.PaddedParticles;

/**
 * Builds graphs from zero-padded particle clouds: one graph per jet, particles as nodes.
 *
 * <p>{@link #build} works on all the given jets at once (memory grows as {@code B·P²} floats for
 * the pairwise builders); {@link #toGraphs} walks a large set in chunks and returns plain Java
 * {@link Graph}s that training code can batch freely.
 */
public interface GraphBuilder {

    /** Jets per NDArray batch in {@link #toGraphs(NDManager, PaddedParticles)}. */
    int DEFAULT_CHUNK_SIZE = 512;

    /**
     * Builds one graph per jet as a batch whose arrays are attached to {@code manager}: {@code x
     * [N, F_out]}, {@code edgeIndex [2, E]}, no edge features, {@code y [B]} from the jet labels
     * and {@code ptr [B + 1]} from the particle counts.
     */
    GraphBatch build(NDManager manager, PaddedParticles jets);

    /** {@link #toGraphs(NDManager, PaddedParticles, int)} with {@link #DEFAULT_CHUNK_SIZE}. */
    default List<Graph> toGraphs(NDManager manager, PaddedParticles jets) {
        return toGraphs(manager, jets, DEFAULT_CHUNK_SIZE);
    }

    /**
     * Builds every jet in chunks of {@code chunkSize}, each chunk in its own {@code
     * manager.newSubManager()} scope, and copies the graphs back to Java arrays. Labels carry over
     * to {@link Graph#y()}; nothing stays allocated in {@code manager}.
     */
    default List<Graph> toGraphs(NDManager manager, PaddedParticles jets, int chunkSize) {
        if (chunkSize < 1) {
            throw new InvalidArgumentException(
                    "GraphBuilder.toGraphs: chunkSize = " + chunkSize + "; it must be at least 1");
        }
        List<Graph> out = new ArrayList<>(jets.numJets());
        for (int from = 0; from < jets.numJets(); from += chunkSize) {
            int to = Math.min(jets.numJets(), from + chunkSize);
            try (NDManager scope = manager.newSubManager()) {
                out.addAll(build(scope, jets.slice(from, to)).toGraphs());
            }
        }
        return out;
    }
}
