package org.hepgraph.io.hdf5;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.datasets.ChunkedDatasetSource;
import org.hepgraph.io.FileUri;
import org.hepgraph.io.JetGraphs;
import org.hepgraph.io.SourceOptions;
import org.hepgraph.transforms.JetNodeFeatures;

/**
 * {@code toptag:FILE} — top-tagging jets as kNN graphs in ΔR, from either layout, detected by what
 * the file holds:
 *
 * <ul>
 *   <li>the reference layout (Kasieczka et al., a pandas table {@code /table}; {@link
 *       PandasJetRows}): constituents {@code E_i, PX_i, PY_i, PZ_i} become {@code (pt, eta, phi,
 *       e)}; labels {@code is_signal_new};
 *   <li>the JetNet layout ({@code particle_features} float {@code [N, P, F]}, names in attribute
 *       {@code particle_features_names}; {@link ParticleArrayRows}): {@code etarel, phirel, ptrel}
 *       stand for {@code eta, phi, pt} (kNN in ΔR only uses differences), a {@code mask} feature
 *       gives the real particles and is dropped; labels from an integer {@code labels} dataset;
 *       without a names attribute, 4 features are {@code etarel, phirel, ptrel, mask} and 3 are
 *       {@code etarel, phirel, ptrel} (JetNet's own files carry no names);
 *   <li>the converted layout of the LGN / LorentzNet / ParT papers ({@code Pmu} {@code [N, P, 4]} =
 *       {@code (E, px, py, pz)}, optional {@code Nobj}, labels {@code is_signal}; {@link
 *       FourMomentumRows}): particles become {@code (pt, eta, phi, e)} as the table's columns do.
 * </ul>
 *
 * <p>A pandas {@code format="table"} file ({@code /table/table}) is refused with the fix (rewrite
 * it with {@code format="fixed"}).
 *
 * <p>Options (URI {@code toptag:FILE?k=16&ttv=test} or the caller's map): {@code k} (default 16),
 * {@code node_features} ({@code relative} when the particles have pt, eta, phi and e, else {@code
 * raw}), {@code ttv} ({@code train}/{@code test}/{@code val} or 0/1/2: keep only that split of the
 * reference's {@code ttv} column; default every row), {@code rows=FROM:TO} (only those file rows).
 * Row ids are the file's rows. Streams in chunks ({@link #openChunked}).
 */
public final class TopTagSource implements ChunkedDatasetSource {

    private static final Set<String> KEYS = Set.of("k", "node_features", "ttv", "rows");

    private static final Map<String, String> JETNET_ALIASES =
            Map.of("etarel", "eta", "phirel", "phi", "ptrel", "pt");

    @Override
    public String scheme() {
        return "toptag";
    }

    @Override
    public String description() {
        return "toptag:FILE[?k=16&ttv=test]  top-tagging jets (pandas reference table or JetNet"
                + " [N, P, F])";
    }

    @Override
    public JetChunks openChunked(String location, Map<String, String> options) {
        FileUri u = FileUri.parse(scheme(), location, options, KEYS, "train.h5");
        SourceOptions o = u.options();
        int k = JetGraphs.k(o);
        Integer split = split(u.uri(), o.string("ttv", null));
        H5File f = H5File.open(u.uri(), u.file());
        try {
            JetRows rows;
            if (f.optional("table/block0_items") != null) {
                rows = new PandasJetRows(f, "table", split);
            } else if (f.optional("table/table") != null) {
                throw f.error(
                        "table/table",
                        "is a pandas table written with format=\"table\" (a compound PyTables"
                                + " dataset), which this reader does not read",
                        "rewrite it with the fixed format: pd.read_hdf(path,"
                                + " key=\"table\").to_hdf(new_path, key=\"table\","
                                + " format=\"fixed\") (the reference files' format)");
            } else if (f.optional("Pmu") != null) {
                noSplit(u.uri(), split, "a converted file (Pmu, Nobj)");
                rows =
                        new FourMomentumRows(
                                f,
                                "Pmu",
                                new ParticleArrayRows(
                                        f,
                                        new ParticleArrayRows.Layout(
                                                "Pmu",
                                                List.of("E", "px", "py", "pz"),
                                                List.of(),
                                                Map.of(),
                                                f.optional("Nobj") != null ? "Nobj" : null,
                                                false,
                                                "is_signal",
                                                false,
                                                "write Pmu [N, P, 4] = (E, px, py, pz)")));
            } else if (f.optional("particle_features") != null) {
                noSplit(u.uri(), split, "a JetNet-style file (particle_features)");
                rows =
                        new ParticleArrayRows(
                                f,
                                new ParticleArrayRows.Layout(
                                        "particle_features",
                                        jetNetNames(f),
                                        List.of("particle_features_names", "features"),
                                        JETNET_ALIASES,
                                        null,
                                        false,
                                        "labels",
                                        false,
                                        "write particle_features [N, P, F]"));
            } else {
                throw f.error(
                        "/",
                        "is in no top-tagging layout: it holds the datasets " + f.datasetNames(),
                        "give a pandas table written with to_hdf(key=\"table\","
                                + " format=\"fixed\") with E_i/PX_i/PY_i/PZ_i columns, a"
                                + " JetNet-style file with particle_features [N, P, F], or a"
                                + " converted file with Pmu [N, P, 4] (E, px, py, pz)");
            }
            return new JetChunks(
                    scheme(), u.uri(), rows, k, features(o, u.uri(), rows), o.string("rows", null));
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    private static void noSplit(String uri, Integer split, String what) {
        if (split != null) {
            throw new InvalidArgumentException(
                    uri
                            + ": ttv chooses a split of the pandas reference layout, but this is "
                            + what
                            + "; leave ttv out");
        }
    }

    /**
     * JetNet's own files (as the {@code jetnet} package downloads them) carry no feature names:
     * without a names attribute, 4 features are JetNet's documented {@code etarel, phirel, ptrel,
     * mask} and 3 are {@code etarel, phirel, ptrel} (the package's option without the mask); any
     * other count keeps f0, f1, ...
     */
    private static List<String> jetNetNames(H5File f) {
        io.jhdf.api.Dataset ds = f.optional("particle_features");
        if (f.names(ds, "particle_features_names") != null || f.names(ds, "features") != null) {
            return null;
        }
        int[] dims = ds.getDimensions();
        int width = dims.length == 3 ? dims[2] : -1;
        return switch (width) {
            case 4 -> List.of("etarel", "phirel", "ptrel", "mask");
            case 3 -> List.of("etarel", "phirel", "ptrel");
            default -> null;
        };
    }

    private static JetNodeFeatures features(SourceOptions o, String uri, JetRows rows) {
        if (o.has("node_features")) {
            return JetGraphs.nodeFeatures(o, uri);
        }
        List<String> lower =
                rows.featureNames().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        return lower.containsAll(List.of("pt", "eta", "phi", "e"))
                ? JetNodeFeatures.RELATIVE
                : JetNodeFeatures.RAW;
    }

    private static Integer split(String uri, String s) {
        if (s == null) {
            return null;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "train", "0" -> 0;
            case "test", "1" -> 1;
            case "val", "valid", "validation", "2" -> 2;
            case "all" -> null;
            default ->
                    throw new InvalidArgumentException(
                            uri
                                    + ": ttv = '"
                                    + s
                                    + "' is not a split; use train (0), test (1), val (2) or all");
        };
    }
}
