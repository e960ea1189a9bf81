package org.hepgraph.transforms;

import ai.djl.ndarray.NDManager;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphBatch;
import org.hepgraph.data.GraphSet;
import org.hepgraph.data.GraphSetBuilder;
import org.hepgraph.data.PaddedParticles;

/**
 * Builds graphs from zero-padded particle clouds: one graph per jet, particles as nodes.
 *
 * <p>{@link #build} works on all the given jets at once (memory grows as {@code B·P²} floats for
 * the pairwise builders); {@link #toGraphs} walks a large set in chunks and returns one {@link
 * GraphSet} (columnar, allocated once) that training code can batch freely.
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
    default GraphSet toGraphs(NDManager manager, PaddedParticles jets) {
        return toGraphs(manager, jets, DEFAULT_CHUNK_SIZE);
    }

    /**
     * Builds every jet in chunks of {@code chunkSize}, each chunk in its own {@code
     * manager.newSubManager()} scope read back to the host once, then allocates the {@link
     * GraphSet} once and copies the chunks in. Labels carry over to {@link Graph#y()}; nothing
     * stays allocated in {@code manager}.
     */
    default GraphSet toGraphs(NDManager manager, PaddedParticles jets, int chunkSize) {
        if (chunkSize < 1) {
            throw new InvalidArgumentException(
                    "GraphBuilder.toGraphs: chunkSize = " + chunkSize + "; it must be at least 1");
        }
        GraphSetBuilder out = GraphSet.builder();
        for (int from = 0; from < jets.numJets(); from += chunkSize) {
            int to = Math.min(jets.numJets(), from + chunkSize);
            try (NDManager scope = manager.newSubManager()) {
                out.addBatch(build(scope, jets.slice(from, to)));
            }
        }
        return out.build();
    }
}
