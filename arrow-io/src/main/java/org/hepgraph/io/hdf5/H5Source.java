package org.hepgraph.io.hdf5;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import org.hepgraph.HepgraphException.InvalidArgumentException;
import org.hepgraph.data.GraphSet;
import org.hepgraph.data.PaddedParticles;
import org.hepgraph.datasets.Dataset;
import org.hepgraph.datasets.DatasetSource;
import org.hepgraph.io.JetGraphs;
import org.hepgraph.io.SourceOptions;
import org.hepgraph.transforms.JetNodeFeatures;

/**
 * {@code h5:FILE} — the jets of an HDF5 jet file ({@link JetHdf5}), as kNN graphs in ΔR.
 *
 * <p>Row ids are the file's jet rows; labels come from the {@code labels} dataset when the file has
 * one (none: the data set is unlabelled, and training uses every row); 1-D integer datasets with
 * one entry per jet ride along as id columns ({@link JetHdf5#idColumns}). Options: {@link
 * JetGraphs}'s {@code k} and {@code node_features}. Checks: see {@link JetGraphs}.
 */
public final class H5Source implements DatasetSource {

    @Override
    public String scheme() {
        return "h5";
    }

    @Override
    public String description() {
        return "h5:FILE  jets in an HDF5 file (particles [N, P, F]; labels optional)";
    }

    @Override
    public Dataset open(String location, Map<String, String> options) {
        String uri = "h5:" + location;
        if (location.isBlank()) {
            throw new InvalidArgumentException(
                    "--dataset h5: names no file; write h5:PATH, e.g. h5:jets.h5");
        }
        SourceOptions o = SourceOptions.of(uri, "", options, JetGraphs.KEYS);
        int k = JetGraphs.k(o);
        JetNodeFeatures features = JetGraphs.nodeFeatures(o, uri);
        Path file = Path.of(location);
        PaddedParticles jets = JetHdf5.read(file);
        GraphSet graphs = JetGraphs.build(uri, jets, k, features);
        // -1 marks an unknown label (JetHdf5 fills it when the file has none): a file with any
        // unknown label is treated as unlabelled, so that no AUC rests on guessed classes.
        boolean labelled = Arrays.stream(jets.labels()).noneMatch(l -> l == -1);
        return new Dataset(
                uri,
                graphs,
                IntStream.range(0, jets.numJets()).asLongStream().toArray(),
                labelled ? jets.labels() : null,
                JetHdf5.idColumns(file, jets.numJets()),
                JetGraphs.recipe(scheme(), uri, jets, k, features),
                Dataset.Protocol.TRAIN_TEST,
                null);
    }
}
