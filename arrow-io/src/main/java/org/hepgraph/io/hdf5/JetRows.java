package org.hepgraph.io.hdf5;

import java.util.List;
import java.util.Map;
import org.hepgraph.data.PaddedParticles;

/**
 * Jets of an open file, read a row range at a time ({@link JetChunks} turns them into graphs).
 * Implementations: {@link ParticleArrayRows} ({@code [N, P, F]} arrays: hepgraph's jet files,
 * JetNet, any named dataset) and {@link PandasJetRows} (the top-tagging reference table).
 */
interface JetRows extends AutoCloseable {

    /** Rows in the file, before any row selection. */
    long rowCount();

    /** The feature names of the particles {@link #read} returns. */
    List<String> featureNames();

    /**
     * The jets of file rows {@code [from, from + rows)} that the row selection keeps (all, without
     * one).
     */
    Slice read(long from, int rows);

    @Override
    void close();

    /**
     * Jets of a range.
     *
     * @param jets the kept jets ({@code labels} -1 when the file has none)
     * @param rowIds {@code [jets.numJets()]} their file rows
     * @param labels {@code [jets.numJets()]} raw labels, or null when the file has none
     * @param idColumns per-row id columns (name → {@code [jets.numJets()]})
     */
    record Slice(
            PaddedParticles jets, long[] rowIds, int[] labels, Map<String, long[]> idColumns) {}
}
