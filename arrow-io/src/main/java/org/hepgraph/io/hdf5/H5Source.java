package org.hepgraph.io.hdf5;

import io.jhdf.api.Attribute;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.hepgraph.data.GraphSet;
import org.hepgraph.data.PaddedParticles;
import org.hepgraph.datasets.ChunkedDatasetSource;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.io.FileUri;
import org.hepgraph.io.JetGraphs;
import org.hepgraph.io.SourceOptions;
import org.hepgraph.transforms.JetNodeFeatures;

/**
 * {@code h5:FILE} — the jets of an HDF5 file as kNN graphs in ΔR.
 *
 * <p>By default the file is hepgraph's jet layout ({@link JetHdf5}: {@code particles} {@code [N, P,
 * F]}, optional {@code counts} and {@code labels}, feature names in attribute {@code features}).
 * Any other file is read by naming its parts (URI {@code
 * h5:FILE?particles=jets/x&features=pt,eta,phi,e&labels=y}, or the caller's map): {@code particles}
 * (a float {@code [N, P, F]} dataset), {@code features} (the names of its last axis, in order,
 * comma separated; default the attribute {@code features}), {@code counts} and {@code labels}
 * (integer {@code [N]} datasets; named ones must exist). A missing dataset is an error listing the
 * datasets the file holds.
 *
 * <p>Row ids are the file's jet rows; labels come from the labels dataset when there is one (none:
 * the data set is unlabelled, and training uses every row); 1-D integer datasets with one entry per
 * jet ride along as id columns. Options also: {@link JetGraphs}'s {@code k} and {@code
 * node_features}. Checks: see {@link JetGraphs}. Streams in chunks ({@link #openChunked}).
 */
public final class H5Source implements ChunkedDatasetSource {

    private static final Set<String> NAMING = Set.of("particles", "features", "counts", "labels");

    private static final Set<String> KEYS =
            Set.of("k", "node_features", "particles", "features", "counts", "labels");

    @Override
    public String scheme() {
        return "h5";
    }

    @Override
    public String description() {
        return "h5:FILE[?particles=NAME&features=a,b&labels=NAME]  jets in an HDF5 file"
                + " (particles [N, P, F]; labels optional)";
    }

    @Override
    public Dataset open(String location, Map<String, String> options) {
        FileUri u = FileUri.parse(scheme(), location, options, KEYS, "jets.h5");
        SourceOptions o = u.options();
        if (NAMING.stream().anyMatch(o::has)) {
            try (JetChunks c = openChunked(location, options)) {
                return c.all();
            }
        }
        // hepgraph's own layout: read whole by JetHdf5, as before chunked reading existed.
        int k = JetGraphs.k(o);
        JetNodeFeatures features = JetGraphs.nodeFeatures(o, u.uri());
        FileUri.checkFile(u.uri(), u.file());
        Path file = u.file();
        PaddedParticles jets = JetHdf5.read(file);
        GraphSet graphs = JetGraphs.build(u.uri(), jets, k, features);
        // -1 marks an unknown label (JetHdf5 fills it when the file has none): a file with any
        // unknown label is treated as unlabelled, so that no AUC rests on guessed classes.
        boolean labelled = Arrays.stream(jets.labels()).noneMatch(l -> l == -1);
        return new Dataset(
                u.uri(),
                graphs,
                IntStream.range(0, jets.numJets()).asLongStream().toArray(),
                labelled ? jets.labels() : null,
                JetHdf5.idColumns(file, jets.numJets()),
                JetGraphs.recipe(scheme(), u.uri(), jets, k, features),
                Dataset.Protocol.TRAIN_TEST,
                null);
    }

    @Override
    public JetChunks openChunked(String location, Map<String, String> options) {
        FileUri u = FileUri.parse(scheme(), location, options, KEYS, "jets.h5");
        SourceOptions o = u.options();
        int k = JetGraphs.k(o);
        JetNodeFeatures features = JetGraphs.nodeFeatures(o, u.uri());
        String features0 = o.string("features", null);
        H5File f = H5File.open(u.uri(), u.file());
        try {
            checkVersion(f);
            JetRows rows =
                    new ParticleArrayRows(
                            f,
                            new ParticleArrayRows.Layout(
                                    o.string("particles", JetHdf5.PARTICLES),
                                    features0 == null
                                            ? null
                                            : Arrays.stream(features0.split(","))
                                                    .map(String::trim)
                                                    .toList(),
                                    List.of(JetHdf5.FEATURES),
                                    Map.of(),
                                    o.string("counts", JetHdf5.COUNTS),
                                    o.has("counts"),
                                    o.string("labels", JetHdf5.LABELS),
                                    o.has("labels"),
                                    "name the datasets with h5:FILE?particles=NAME&labels=NAME"
                                            + " (particles: float [N, P, F])"));
            return new JetChunks(scheme(), u.uri(), rows, k, features);
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    private static void checkVersion(H5File f) {
        Attribute attr = f.rootAttribute(JetHdf5.VERSION);
        if (attr == null) {
            return;
        }
        Object data = attr.getData();
        if (data != null && data.getClass().isArray() && Array.getLength(data) == 1) {
            data = Array.get(data, 0);
        }
        if (!(data instanceof Number num)
                || num.longValue() < 1
                || num.longValue() > JetHdf5.FORMAT_VERSION) {
            throw f.error(
                    JetHdf5.VERSION,
                    "(attribute) is "
                            + data
                            + " but this reader knows versions 1.."
                            + JetHdf5.FORMAT_VERSION,
                    "upgrade hepgraph to read this file, or re-write it with this version");
        }
    }
}
