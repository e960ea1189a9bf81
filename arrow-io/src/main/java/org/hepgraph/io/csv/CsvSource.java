package org.hepgraph.io.csv;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.datasets.ChunkedDatasetSource;
import org.hepgraph.datasets.GraphRecipe;
import org.hepgraph.experiments.RowRange;
import org.hepgraph.io.SourceOptions;
import org.hepgraph.io.SourceUri;
import org.hepgraph.io.csv.LeptonGraphs.Output;

/**
 * {@code csv:FILE[;FILE...][?key=value,...]} — event CSVs (one event per row, e.g. the CMS
 * open-data files) with a declared column mapping ({@link LeptonMapping}), as small lepton graphs
 * or flat event vectors ({@link LeptonGraphs}).
 *
 * <p>Options (after {@code ?}, comma separated, or in the caller's map):
 *
 * <ul>
 *   <li>the mapping, exactly one of: {@code
 *       layout=dimuon|dimuon_masses|dielectron|dielectron_masses|fourlepton|wenu|wmunu}; a custom
 *       mapping ({@code count=N}, {@code pt=pt{i}}, {@code eta=...}, {@code phi=...} or {@code
 *       px/py/pz}, {@code e}, {@code charge}, {@code pid} or {@code flavour=mu|e}, {@code
 *       event_columns=M+mZ1}, {@code ids=Run+Event}; lists separated by {@code +}); or {@code
 *       mapping=FILE} (the same keys, one {@code key = value} per line). No mapping: an error that
 *       names the built-in layout the header matches, if any.
 *   <li>{@code as=graph} (default) or {@code as=vector}.
 *   <li>{@code rows=FROM:TO}: the data rows of each file to read (0 = the first row after the
 *       header; TO excluded, either side may be empty).
 * </ul>
 *
 * <p>Row ids are each file's data row index; the mapping's id columns ({@code Run}, {@code Event}
 * for the built-in layouts) are the data set's id columns, written beside each score. One file: no
 * labels (data have none). Several files ({@code ;}-separated, one mapping for all): label = the
 * file's position (0 for the first), an id column {@code file} says which file a row came from;
 * training takes the label-0 file's rows, and scoring gets an AUC of the others against it. Every
 * file is streamed ({@link LeptonEvents}); a set with no row is refused. {@code score} reads the
 * files in chunks ({@link #openChunked}, {@link CsvChunks}), so a CSV larger than memory is scored
 * with memory for one chunk.
 */
public final class CsvSource implements ChunkedDatasetSource {

    private static final Set<String> KEYS = keys();

    @Override
    public String scheme() {
        return "csv";
    }

    @Override
    public String description() {
        return "csv:FILE[;FILE]?layout=dimuon|dimuon_masses|dielectron|dielectron_masses|fourlepton|wenu|wmunu[,as=vector]"
                + "  event CSVs (CMS open data), leptons as graph nodes";
    }

    @Override
    public CsvChunks openChunked(String location, Map<String, String> options) {
        SourceUri u = SourceUri.split(scheme(), location);
        String uri = u.uri();
        List<Path> files =
                Arrays.stream(u.path().split(";"))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .map(Path::of)
                        .toList();
        if (files.isEmpty()) {
            throw new InvalidArgumentException(
                    "--dataset "
                            + uri
                            + " names no file; write csv:PATH?layout=dimuon (layouts: "
                            + LeptonMapping.LAYOUTS
                            + ")");
        }
        SourceOptions o = u.options(options, KEYS);
        LeptonMapping mapping = mapping(uri, o, files.getFirst());
        Output output = Output.parse(o.string("as", "graph"), uri);
        String rowsText = o.string("rows", null);
        RowRange rows = rowsText == null ? RowRange.ALL : parseRows(uri, rowsText);
        GraphRecipe recipe =
                new GraphRecipe(
                        scheme(),
                        uri,
                        0,
                        output == Output.GRAPH ? "leptons" : "event-vector",
                        LeptonGraphs.featureNames(output, mapping.count(), mapping.eventColumns()));
        return new CsvChunks(uri, files, mapping, output, rows, rowsText, recipe);
    }

    /** The one mapping the options declare (see the class doc). */
    static LeptonMapping mapping(String uri, SourceOptions o, Path first) {
        String layout = o.string("layout", null);
        String file = o.string("mapping", null);
        List<String> custom =
                LeptonMapping.CUSTOM_KEYS.stream().filter(k -> o.string(k, null) != null).toList();
        int declared =
                (layout != null ? 1 : 0) + (file != null ? 1 : 0) + (custom.isEmpty() ? 0 : 1);
        if (declared > 1) {
            throw new InvalidArgumentException(
                    uri
                            + ": give one column mapping: layout=NAME, mapping=FILE or custom keys"
                            + " (count, pt, ...); got"
                            + (layout != null ? " layout=" + layout : "")
                            + (file != null ? " mapping=" + file : "")
                            + (custom.isEmpty() ? "" : " " + custom));
        }
        if (layout != null) {
            return LeptonMapping.layout(layout.toLowerCase(Locale.ROOT));
        }
        if (file != null) {
            return LeptonMapping.fromFile(Path.of(file));
        }
        if (!custom.isEmpty()) {
            return LeptonMapping.custom(uri, k -> o.string(k, null));
        }
        String match = null;
        List<String> header = null;
        try (CsvRecords in = CsvRecords.open(first)) {
            header = in.next();
        }
        if (header != null) {
            match = LeptonMapping.matchingLayout(header.stream().map(String::strip).toList());
        }
        throw new InvalidArgumentException(
                uri
                        + " declares no column mapping (the columns are not guessed); "
                        + (match != null
                                ? "its header is that of layout="
                                        + match
                                        + ": write csv:"
                                        + first
                                        + "?layout="
                                        + match
                                : "its header "
                                        + header
                                        + " matches no built-in layout "
                                        + LeptonMapping.LAYOUTS
                                        + "; declare it, e.g. csv:FILE?count=2,pt=pt{i},eta=eta{i},"
                                        + "phi=phi{i},charge=Q{i},flavour=mu (see docs/data.md)"));
    }

    private static RowRange parseRows(String uri, String text) {
        try {
            return RowRange.parse(text);
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException(
                    uri
                            + ": rows = '"
                            + text
                            + "' is not a row range; write FROM:TO, e.g. 0:5000"
                            + " (TO excluded) or 5000: (to the end)");
        }
    }

    private static Set<String> keys() {
        Set<String> k = new LinkedHashSet<>(List.of("layout", "mapping", "as", "rows"));
        k.addAll(LeptonMapping.CUSTOM_KEYS);
        return java.util.Collections.unmodifiableSet(k);
    }
}
