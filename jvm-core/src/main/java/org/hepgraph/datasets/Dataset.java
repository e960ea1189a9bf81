package org.hepgraph.datasets;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.Graph;
import org.hepgraph.data.GraphSet;

/**
 * A data set opened by a {@link DatasetSource}: graphs, where each came from, its label when the
 * source has labels, and how the graphs were built.
 *
 * <p>Arrays are held as given (they can be large): treat them as read-only.
 *
 * @param uri what was opened, e.g. {@code tu:AIDS} or {@code h5:/data/jets.h5}
 * @param graphs the graphs, one per row, in file order (columnar; folds are views of it)
 * @param rowIds {@code [G]} the file's row index of each graph (the jet row of an HDF5 file, the
 *     graph index of a TU file); what the score CSV writes so that rows can be traced back
 * @param labels {@code [G]} the raw label of each graph, or {@code null} when the source has none
 *     (then every {@link Graph#y()} is -1)
 * @param idColumns extra per-row id columns the file carries (name → {@code [G]}), e.g. event
 *     numbers; empty when none
 * @param recipe how the graphs were built (saved with a model)
 * @param protocol the split a train/score run uses unless the caller chooses rows or labels
 * @param given positions of the source's own train/test split when {@code protocol} is {@link
 *     Protocol#GIVEN} (the toy generator's fresh test jets, Tox21's training/testing files), else
 *     {@code null}
 */
public record Dataset(
        String uri,
        GraphSet graphs,
        long[] rowIds,
        int[] labels,
        Map<String, long[]> idColumns,
        GraphRecipe recipe,
        Protocol protocol,
        GivenSplit given) {

    /** Which train/test split a data set uses by default. */
    public enum Protocol {
        /** Train on every row (unlabelled) or on the label-0 rows (labelled); score every row. */
        TRAIN_TEST,
        /** GLocalKD's stratified K folds, anomaly = the first graph's label (TU data sets). */
        GLOCALKD,
        /** The source's own split ({@link #given}). */
        GIVEN
    }

    /**
     * A split fixed by the source, as positions into {@link #graphs}.
     *
     * @param train positions of the (normal) training graphs
     * @param test positions of the graphs to score
     */
    public record GivenSplit(int[] train, int[] test) {
        public GivenSplit {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(test, "test");
        }
    }

    public Dataset {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(graphs, "graphs");
        Objects.requireNonNull(rowIds, "rowIds");
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(protocol, "protocol");
        idColumns = idColumns == null ? Map.of() : new LinkedHashMap<>(idColumns);
        if (rowIds.length != graphs.size() || (labels != null && labels.length != graphs.size())) {
            throw new InvalidArgumentException(
                    String.format(
                            "Dataset %s: %d graphs but %d row ids and %s labels; give one of each"
                                    + " per graph",
                            uri,
                            graphs.size(),
                            rowIds.length,
                            labels == null ? "no" : String.valueOf(labels.length)));
        }
        for (Map.Entry<String, long[]> e : idColumns.entrySet()) {
            if (e.getValue().length != graphs.size()) {
                throw new InvalidArgumentException(
                        String.format(
                                "Dataset %s: id column '%s' has %d entries for %d graphs",
                                uri, e.getKey(), e.getValue().length, graphs.size()));
            }
        }
        if ((protocol == Protocol.GIVEN) != (given != null)) {
            throw new InvalidArgumentException(
                    "Dataset " + uri + ": a GIVEN protocol needs a given split, and only it");
        }
    }

    /** Number of graphs (rows). */
    public int size() {
        return graphs.size();
    }

    /** Whether the source has labels. */
    public boolean labelled() {
        return labels != null;
    }

    /** The width of {@code x} (0 for an empty set). */
    public int numFeatures() {
        return graphs.isEmpty() ? 0 : graphs.get(0).numFeatures();
    }

    @Override
    public String toString() {
        return String.format(
                "Dataset(%s, graphs=%d, labelled=%s, idColumns=%s, %s, %s)",
                uri, graphs.size(), labelled(), idColumns.keySet(), recipe, protocol);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d
                && uri.equals(d.uri)
                && graphs.equals(d.graphs)
                && Arrays.equals(rowIds, d.rowIds)
                && Arrays.equals(labels, d.labels)
                && recipe.equals(d.recipe)
                && protocol == d.protocol;
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, graphs, Arrays.hashCode(rowIds), recipe, protocol);
    }
}
