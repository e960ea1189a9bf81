package org.hepgraph.io.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.hepgraph.HepgraphException.DataFormatException;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.GraphSet;
import org.hepgraph.datasets.ChunkedDatasetSource;
import org.hepgraph.datasets.GraphRecipe;
import org.hepgraph.io.csv.CsvRecords;

/**
 * {@code graphs:DIR} — a graph set saved by the Python package ({@code EventGraphSet.save}, e.g.
 * events read from a ROOT file with {@code hg.read_root}), so that the command line trains and
 * scores graphs it cannot build itself.
 *
 * <p>The folder holds {@value #GRAPHS} (a data-plane graph-set file, {@link GraphSetIpc}: x, edges,
 * labels, graph features), {@value #ROWS} ({@code row} then the id columns, one line per graph,
 * integers) and {@value #RECIPE} ({@code features} = the names of the columns of x, comma
 * separated; {@code node_features} = what they are, e.g. {@code root-particles}; {@code source} =
 * where the graphs came from). Labels: the graphs' own when every graph has one (≥ 0), else none.
 * The graphs are copied out of the mapped file (it may be deleted afterwards). {@code score} copies
 * them chunk by chunk ({@link #openChunked}, {@link GraphsChunks}): the file stays mapped, not
 * read, so a set larger than memory is scored with memory for one chunk (plus the row ids, id
 * columns and labels, 8 bytes a row each).
 */
public final class GraphsSource implements ChunkedDatasetSource {

    /** The graph-set file in the folder. */
    public static final String GRAPHS = "graphs.arrow";

    /** The row ids and id columns. */
    public static final String ROWS = "rows.csv";

    /** The recipe: feature names, node-feature kind, source. */
    public static final String RECIPE = "recipe.properties";

    @Override
    public String scheme() {
        return "graphs";
    }

    @Override
    public String description() {
        return "graphs:DIR  graphs saved from Python (EventGraphSet.save; e.g. ROOT events)";
    }

    @Override
    public GraphsChunks openChunked(String location, Map<String, String> options) {
        String uri = "graphs:" + location;
        if (location.isBlank()) {
            throw new InvalidArgumentException(
                    "--dataset graphs: names no folder; write graphs:DIR, a folder written by"
                            + " EventGraphSet.save");
        }
        Path dir = Path.of(location);
        for (String name : List.of(GRAPHS, ROWS, RECIPE)) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new DataFormatException(
                        String.format(
                                "%s: %s has no %s; give a folder written by the Python"
                                        + " package's EventGraphSet.save(DIR) (it holds %s, %s"
                                        + " and %s)",
                                uri, dir.toAbsolutePath(), name, GRAPHS, ROWS, RECIPE));
            }
        }
        Properties recipe = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve(RECIPE))) {
            recipe.load(in);
        } catch (IOException e) {
            throw new DataFormatException(uri + ": cannot read " + RECIPE + " (" + e + ")", e);
        }
        List<String> features =
                Arrays.stream(recipe.getProperty("features", "").split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
        BufferAllocator root = new RootAllocator();
        MappedGraphSet mapped = null;
        try {
            mapped = GraphSetIpc.map(dir.resolve(GRAPHS), root);
            GraphSet graphs = mapped.graphs();
            if (features.size() != graphs.numFeatures()) {
                throw new DataFormatException(
                        String.format(
                                "%s: %s names %d features %s but the graphs have %d; save the"
                                        + " folder again",
                                uri, RECIPE, features.size(), features, graphs.numFeatures()));
            }
            long[] rows = new long[graphs.size()];
            Map<String, long[]> ids = readRows(uri, dir.resolve(ROWS), rows);
            int[] labels = graphs.labels();
            boolean labelled = labels.length > 0 && Arrays.stream(labels).allMatch(l -> l >= 0);
            return new GraphsChunks(
                    uri,
                    root,
                    mapped,
                    rows,
                    labelled ? labels : null,
                    ids,
                    new GraphRecipe(
                            scheme(),
                            uri,
                            0,
                            recipe.getProperty("node_features", "saved"),
                            features));
        } catch (RuntimeException e) {
            if (mapped != null) {
                mapped.close();
            }
            root.close();
            throw e;
        }
    }

    private static Map<String, long[]> readRows(String uri, Path file, long[] rows) {
        Map<String, long[]> ids = new LinkedHashMap<>();
        try (CsvRecords in = CsvRecords.open(file)) {
            List<String> header = in.next();
            if (header == null || header.isEmpty() || !header.getFirst().equals("row")) {
                throw new DataFormatException(
                        uri + ": " + ROWS + " must start with a header 'row,...'; save again");
            }
            List<long[]> cols = new ArrayList<>();
            for (String name : header.subList(1, header.size())) {
                long[] c = new long[rows.length];
                ids.put(name, c);
                cols.add(c);
            }
            int g = 0;
            List<String> r;
            while ((r = in.next()) != null) {
                if (g >= rows.length || r.size() != header.size()) {
                    throw new DataFormatException(
                            String.format(
                                    "%s: %s line %d does not fit %d graphs with columns %s; save"
                                            + " the folder again",
                                    uri, ROWS, in.line(), rows.length, header));
                }
                try {
                    rows[g] = Long.parseLong(r.getFirst().strip());
                    for (int k = 0; k < cols.size(); k++) {
                        cols.get(k)[g] = Long.parseLong(r.get(k + 1).strip());
                    }
                } catch (NumberFormatException e) {
                    throw new DataFormatException(
                            uri
                                    + ": "
                                    + ROWS
                                    + " line "
                                    + in.line()
                                    + " holds a non-integer id;"
                                    + " save the folder again");
                }
                g++;
            }
            if (g != rows.length) {
                throw new DataFormatException(
                        String.format(
                                "%s: %s has %d rows for %d graphs; save the folder again",
                                uri, ROWS, g, rows.length));
            }
        }
        return ids;
    }
}
